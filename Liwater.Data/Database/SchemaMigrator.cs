using Dapper;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;

namespace Liwater.Data.Database;

/// <summary>
/// Brings the schema up to date with the embedded scripts in <c>Migrations/NNNN_name.sql</c>, each applied in its
/// own transaction and recorded in the <c>schema_versions</c> table (DbUp's journal).
/// </summary>
public static class SchemaMigrator
{
    private const string JournalTable = "schema_versions";

    /// <summary>The embedded migration names, in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames =>
        typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
            .Where(IsMigration).Order(StringComparer.Ordinal).ToList();

    /// <summary>Checks the file, enables WAL, then applies the missing migrations. Returns the names applied.</summary>
    public static IReadOnlyList<string> Migrate(Db db)
    {
        EnsureFolderWritable(db.FilePath);
        CheckFileIsOurs(db);
        EnableWal(db);
        return Apply(db, new EmbeddedScriptProvider());
    }

    /// <summary>WAL is a property of the file: set it on every start, a new file included (it used to stay in
    /// rollback-journal mode until its second start).</summary>
    private static void EnableWal(Db db)
    {
        try
        {
            using var connection = new SqliteConnection(db.ConnectionString);
            connection.Open();
            connection.Execute("PRAGMA journal_mode = WAL");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    internal static IReadOnlyList<string> Apply(Db db, IScriptProvider scripts)
    {
        var upgrader = DeployChanges.To
            .SqliteDatabase(db.ConnectionString)
            .WithScripts(scripts)
            .WithTransactionPerScript()
            .JournalToSqliteTable(JournalTable)
            .LogTo(new NoUpgradeLog())
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            var script = result.ErrorScript?.Name ?? "(unknown script)";
            throw new DatabaseStartupException(
                $"Migration {script} failed on database '{db.FilePath}' and was rolled back; the database is unchanged " +
                $"by it. Cause: {result.Error?.Message}. Fix the script or restore the file from a backup, then start again.",
                result.Error);
        }

        return result.Scripts.Select(s => s.Name).ToList();
    }

    private static bool IsMigration(string resourceName) =>
        resourceName.Contains(".Migrations.", StringComparison.Ordinal) && resourceName.EndsWith(".sql", StringComparison.Ordinal);

    private static void EnsureFolderWritable(string filePath)
    {
        var folder = Path.GetDirectoryName(filePath)!;
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseStartupException(
                $"The data folder '{folder}' is not writable ({e.Message}). Give the app's user write access to it, " +
                "or point Liwater:Database:Path at a writable location.", e);
        }
    }

    /// <summary>Refuses a file that is not SQLite, is damaged, or holds another application's tables.</summary>
    private static void CheckFileIsOurs(Db db)
    {
        var info = new FileInfo(db.FilePath);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }

        try
        {
            using var connection = new SqliteConnection(db.ConnectionString);
            connection.Open();
            var check = connection.ExecuteScalar<string>("PRAGMA quick_check");
            if (!string.Equals(check, "ok", StringComparison.OrdinalIgnoreCase))
            {
                throw new DatabaseStartupException(
                    $"The database file '{db.FilePath}' is damaged (integrity check: {check}). Restore it from a backup " +
                    "(see README, \"Backups\"), or move it away to start with an empty database.");
            }

            var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").AsList();
            if (tables.Count > 0 && !tables.Contains(JournalTable))
            {
                throw new DatabaseStartupException(
                    $"The database file '{db.FilePath}' belongs to another application (it has tables such as " +
                    $"'{tables[0]}' but no Liwater schema history). Point Liwater:Database:Path at a Liwater database " +
                    "or at a new file.");
            }

        }
        catch (SqliteException e)
        {
            throw new DatabaseStartupException(
                $"The file '{db.FilePath}' is not a readable SQLite database ({e.Message}). Restore it from a backup " +
                "(see README, \"Backups\"), or move it away to start with an empty database.", e);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private sealed class EmbeddedScriptProvider : IScriptProvider
    {
        public IEnumerable<SqlScript> GetScripts(DbUp.Engine.Transactions.IConnectionManager connectionManager)
        {
            var assembly = typeof(SchemaMigrator).Assembly;
            foreach (var name in ScriptNames)
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                // Journal by the file name (0001_foundation.sql) so renaming the namespace never re-runs a script.
                var fileName = name[(name.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
                yield return new SqlScript(fileName, reader.ReadToEnd());
            }
        }
    }

    private sealed class NoUpgradeLog : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) { }
        public void LogWarning(string format, params object[] args) { }
        public void LogError(string format, params object[] args) { }
        public void LogError(Exception ex, string format, params object[] args) { }
    }
}
