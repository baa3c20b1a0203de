using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Liwater.Data.Database;

/// <summary>
/// Online backups of the main database with SQLite's backup API: a consistent copy taken while the app keeps
/// writing, one file per local day (<c>liwater-YYYY-MM-DD.db</c>), older ones pruned.
/// </summary>
public static class Backup
{
    public const string Prefix = "liwater-";
    public const string Extension = ".db";

    /// <summary>The file name of the backup of a local date.</summary>
    public static string FileName(DateOnly date) => $"{Prefix}{TownClock.Iso(date)}{Extension}";

    /// <summary>
    /// Backs <paramref name="db"/> up into <paramref name="folder"/> as the backup of <paramref name="date"/> unless
    /// that day's file exists, then deletes backups of dates more than <paramref name="keepDays"/> days before it.
    /// </summary>
    public static BackupResult Create(Db db, string folder, DateOnly date, int keepDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keepDays, 1);
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"The {db.Name} is backed up by PostgreSQL's own tools (pg_dump, base backups), not by the app's file backup.");
        }

        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, FileName(date));
        var created = false;
        if (!File.Exists(target))
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
        foreach (var path in Directory.EnumerateFiles(folder, $"{Prefix}*{Extension}"))
        {
            var name = Path.GetFileNameWithoutExtension(path)[Prefix.Length..];
            if (DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                files.Add(new BackupFile(path, date));
            }
        }

        return files.OrderByDescending(f => f.Date).ToList();
    }
}

public sealed record BackupFile(string Path, DateOnly Date);

/// <summary>Where the day's backup is, whether this run wrote it, and which old backups it deleted.</summary>
public sealed record BackupResult(string Path, bool Created, IReadOnlyList<string> Deleted);
