using Dapper;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liwater.Data.Database;

/// <summary>
/// Brings the schema up to date with the embedded scripts, each applied in its own transaction and recorded in the
/// <c>schema_versions</c> table (DbUp's journal): <c>Migrations/NNNN_name.sql</c> for SQLite and their twins of the same
/// name in <c>Migrations/PostgreSql/</c> for PostgreSQL, applied under an advisory lock so that nodes starting together
/// migrate one after the other.
/// </summary>
public static class SchemaMigrator
{
    private const string JournalTable = "schema_versions";

    // pg_advisory_lock key of the migration (any constant shared by every node; "LIWATER1" in ASCII).
    private const long MigrationLockKey = 0x4C49574154455231;

    private const string SqlitePrefix = "Liwater.Data.Migrations.";
    private const string PostgreSqlPrefix = "Liwater.Data.Migrations.PostgreSql.";

    /// <summary>The embedded SQLite migration names, in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames => ScriptNamesOf(DatabaseProvider.Sqlite);

    /// <summary>The embedded migration names of an engine, in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNamesOf(DatabaseProvider provider) =>
        typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
            .Where(name => IsMigration(name, provider)).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// SQLite: checks the file, enables WAL, then applies the missing migrations. PostgreSQL: creates the database if
    /// it is missing, then applies the missing migrations under the migration lock. Returns the names applied.
    /// </summary>
    public static IReadOnlyList<string> Migrate(Db db)
    {
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            return MigratePostgreSql(db);
        }

        EnsureFolderWritable(db.FilePath);
        CheckFileIsOurs(db);
        EnableWal(db);
        return Apply(db, new EmbeddedScriptProvider(db.Provider));
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
        var builder = db.Provider == DatabaseProvider.PostgreSql
            ? DeployChanges.To.PostgresqlDatabase(db.ConnectionString).JournalToPostgresqlTable("public", JournalTable)
            : DeployChanges.To.SqliteDatabase(db.ConnectionString).JournalToSqliteTable(JournalTable);
        var upgrader = builder
            .WithScripts(scripts)
            .WithTransactionPerScript()
            .LogTo(new NoUpgradeLog())
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            var script = result.ErrorScript?.Name ?? "(unknown script)";
            throw new DatabaseStartupException(
                $"Migration {script} failed on database '{db.Name}' and was rolled back; the database is unchanged " +
                $"by it. Cause: {result.Error?.Message}. Fix the script or restore the file from a backup, then start again.",
                result.Error);
        }

        return result.Scripts.Select(s => s.Name).ToList();
    }

    private static IReadOnlyList<string> MigratePostgreSql(Db db)
    {
        EnsurePostgreSqlDatabase(db);
        using var connection = new NpgsqlConnection(db.ConnectionString);
        connection.Open();
        // DbUp has no guard against two nodes migrating at once: the second waits here (however long: no command
        // timeout) until the first is done, then finds nothing left to apply.
        connection.Execute("SELECT pg_advisory_lock(@key)", new { key = MigrationLockKey }, commandTimeout: 0);
        try
        {
            var tables = connection.Query<string>(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name").AsList();
            if (tables.Count > 0 && !tables.Contains(JournalTable))
            {
                throw new DatabaseStartupException(
                    $"The {db.Name} belongs to another application (it has tables such as '{tables[0]}' but no Liwater " +
                    "schema history). Point Liwater:Database:ConnectionString at a Liwater database or at a new one.");
            }

            return Apply(db, new EmbeddedScriptProvider(db.Provider));
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@key)", new { key = MigrationLockKey });
        }
    }

    /// <summary>Creates the configured database when the server does not have it (two nodes may race: both end well).</summary>
    public static void EnsurePostgreSqlDatabase(Db db)
    {
        var target = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        try
        {
            using var probe = new NpgsqlConnection(target.ConnectionString);
            probe.Open();
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The database is missing: create it below.
        }
        catch (NpgsqlException e)
        {
            throw new DatabaseStartupException(
                $"The {db.Name} cannot be reached ({e.Message}). Start the server or fix Liwater:Database:ConnectionString.", e);
        }

        var name = target.Database!;
        var server = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        using var admin = new NpgsqlConnection(server.ConnectionString);
        admin.Open();
        try
        {
            // A name cannot be a parameter in DDL; quote it as an identifier.
            admin.Execute($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another node created it a moment ago.
        }
    }

    private static bool IsMigration(string resourceName, DatabaseProvider provider)
    {
        if (!resourceName.EndsWith(".sql", StringComparison.Ordinal))
        {
            return false;
        }

        var prefix = provider == DatabaseProvider.PostgreSql ? PostgreSqlPrefix : SqlitePrefix;
        // The SQLite scripts sit directly in Migrations/; the PostgreSQL twins one folder down.
        return resourceName.StartsWith(prefix, StringComparison.Ordinal) && resourceName[prefix.Length..].Count(c => c == '.') == 1;
    }

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

    /// <summary>Refuses a file that is not SQLite, is damaged, or holds another application's tables. The full
    /// check of every page is left out when the file is as the app's last clean stop left it (<see cref="CleanStop"/>).</summary>
    private static void CheckFileIsOurs(Db db)
    {
        var unchanged = CleanStop.Consume(db.FilePath);
        var info = new FileInfo(db.FilePath);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }

        try
        {
            using var connection = new SqliteConnection(db.ConnectionString);
            connection.Open();
            var check = unchanged ? "ok" : connection.ExecuteScalar<string>("PRAGMA quick_check");
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

    private sealed class EmbeddedScriptProvider(DatabaseProvider provider) : IScriptProvider
    {
        public IEnumerable<SqlScript> GetScripts(DbUp.Engine.Transactions.IConnectionManager connectionManager)
        {
            var assembly = typeof(SchemaMigrator).Assembly;
            var prefix = provider == DatabaseProvider.PostgreSql ? PostgreSqlPrefix : SqlitePrefix;
            foreach (var name in ScriptNamesOf(provider))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                // Journal by the file name (0001_foundation.sql) so renaming the namespace never re-runs a script.
                var fileName = name[prefix.Length..];
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
