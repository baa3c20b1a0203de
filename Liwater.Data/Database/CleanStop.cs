using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Liwater.Data.Database;

/// <summary>
/// Whether a SQLite file is exactly as this app left it at its last clean stop, so that a start may skip the full
/// integrity check (<c>PRAGMA quick_check</c> reads every page: ~50 ms for the demo town, 12-16 s for a 1 GB city file).
/// A clean stop, once the last connection has closed and the write-ahead log is gone, records the file's length and
/// last write time in <c>&lt;file&gt;.clean-stop</c>; the next start takes that record away and compares. A crash (no
/// record, or a log left over), any write since (by anyone), a copied or restored file: the check runs.
/// </summary>
/// <remarks>Decision 0184. What this cannot see: a file damaged in place with its length and write time kept.</remarks>
public static class CleanStop
{
    /// <summary>The record beside a database file.</summary>
    public static string RecordPath(string databasePath) => databasePath + ".clean-stop";

    /// <summary>At a clean stop of a SQLite database: closes its pooled connections, then records the file.</summary>
    public static void Record(Db db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        using (var pooled = new SqliteConnection(db.ConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        Record(db.FilePath);
    }

    /// <summary>
    /// Records that the file is closed and whole; does nothing while a write-ahead log with frames is beside it (a
    /// connection is still open, or frames were not checkpointed), so the next start checks.
    /// </summary>
    public static void Record(string databasePath)
    {
        var file = new FileInfo(databasePath);
        if (!file.Exists || HasLog(databasePath))
        {
            return;
        }

        File.WriteAllText(RecordPath(databasePath), Describe(file));
    }

    /// <summary>
    /// Takes the record away (a start consumes it: a crash after this start leaves none) and tells whether the file
    /// is as recorded, with no write-ahead log frames beside it.
    /// </summary>
    public static bool Consume(string databasePath)
    {
        var record = RecordPath(databasePath);
        if (!File.Exists(record))
        {
            return false;
        }

        var recorded = File.ReadAllText(record);
        File.Delete(record);
        var file = new FileInfo(databasePath);
        return file.Exists && !HasLog(databasePath) && string.Equals(recorded, Describe(file), StringComparison.Ordinal);
    }

    private static bool HasLog(string databasePath)
    {
        var log = new FileInfo(databasePath + "-wal");
        return log.Exists && log.Length > 0;
    }

    private static string Describe(FileInfo file) =>
        string.Create(CultureInfo.InvariantCulture, $"{file.Length} {file.LastWriteTimeUtc.Ticks}");
}
