using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liwater.Data.Database;

/// <summary>
/// Online backups of the main database, one file per local day, older ones pruned: on SQLite with its backup API (a
/// consistent copy taken while the app keeps writing, <c>liwater-YYYY-MM-DD.db</c>); on PostgreSQL with
/// <c>pg_dump</c> (a consistent snapshot in the custom format, <c>liwater-YYYY-MM-DD.dump</c>, restored with
/// <c>pg_restore</c>). A PostgreSQL server that must lose nothing also needs the server's own WAL archiving.
/// </summary>
public static class Backup
{
    public const string Prefix = "liwater-";
    public const string Extension = ".db";
    public const string DumpExtension = ".dump";

    /// <summary>The file name of the SQLite backup of a local date.</summary>
    public static string FileName(DateOnly date) => $"{Prefix}{TownClock.Iso(date)}{Extension}";

    /// <summary>The file name of the backup of a local date on an engine.</summary>
    public static string FileName(DateOnly date, DatabaseProvider provider) =>
        $"{Prefix}{TownClock.Iso(date)}{(provider == DatabaseProvider.PostgreSql ? DumpExtension : Extension)}";

    /// <summary>
    /// Backs <paramref name="db"/> up into <paramref name="folder"/> as the backup of <paramref name="date"/> unless
    /// that day's file exists, then deletes backups of dates more than <paramref name="keepDays"/> days before it.
    /// </summary>
    public static BackupResult Create(Db db, string folder, DateOnly date, int keepDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keepDays, 1);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, FileName(date, db.Provider));
        var created = false;
        if (!File.Exists(target) && db.Provider == DatabaseProvider.PostgreSql)
        {
            var partial = target + ".partial";
            File.Delete(partial);
            Dump(db, partial);
            File.Move(partial, target);
            created = true;
        }
        else if (!File.Exists(target))
        {
            // Copy into a temporary name and rename: a crash mid-copy never leaves a file that looks complete.
            var partial = target + ".partial";
            File.Delete(partial);
            using (var source = new SqliteConnection(db.ConnectionString))
            using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                source.Open();
                destination.Open();
                source.BackupDatabase(destination);
                using var journal = destination.CreateCommand();
                // A backup is a single self-contained file: no WAL beside it.
                journal.CommandText = "PRAGMA journal_mode = DELETE";
                journal.ExecuteNonQuery();
            }

            File.Move(partial, target);
            created = true;
        }

        var oldest = date.AddDays(-(keepDays - 1));
        var deleted = new List<string>();
        foreach (var file in List(folder).Where(b => b.Date < oldest))
        {
            File.Delete(file.Path);
            deleted.Add(file.Path);
        }

        return new BackupResult(target, created, deleted);
    }

    /// <summary>The backups in a folder, newest first.</summary>
    public static IReadOnlyList<BackupFile> List(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var files = new List<BackupFile>();
        foreach (var path in Directory.EnumerateFiles(folder, $"{Prefix}*")
                     .Where(p => p.EndsWith(Extension, StringComparison.Ordinal) || p.EndsWith(DumpExtension, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(path)[Prefix.Length..];
            if (DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                files.Add(new BackupFile(path, date));
            }
        }

        return files.OrderByDescending(f => f.Date).ToList();
    }

    private static void Dump(Db db, string file)
    {
        var server = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var start = new ProcessStartInfo("pg_dump") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--format=custom", "--no-owner", "--file", file, "--host", server.Host ?? "localhost",
                     "--port", server.Port.ToString(CultureInfo.InvariantCulture), "--username", server.Username ?? "postgres",
                     "--dbname", server.Database ?? "postgres",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(server.Password))
        {
            start.Environment["PGPASSWORD"] = server.Password;
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                File.Delete(file);
                throw new InvalidOperationException($"pg_dump of the {db.Name} failed (exit {process.ExitCode}): {error.Trim()}");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"pg_dump is not installed on this node, so the {db.Name} cannot be backed up here. Install the " +
                "PostgreSQL client (apt-get install postgresql-client), or back the server up with its own tools.", e);
        }
    }
}

public sealed record BackupFile(string Path, DateOnly Date);

/// <summary>Where the day's backup is, whether this run wrote it, and which old backups it deleted.</summary>
public sealed record BackupResult(string Path, bool Created, IReadOnlyList<string> Deleted);
