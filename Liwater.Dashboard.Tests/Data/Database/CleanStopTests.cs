using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Microsoft.Data.Sqlite;

namespace Liwater.Dashboard.Tests.Data.Database;

/// <summary>
/// A start skips the full integrity check only for a file exactly as the app's last clean stop left it (decision 0184);
/// every other start checks every page, and a damaged file is refused.
/// </summary>
public sealed class CleanStopTests
{
    [Fact]
    public void Consume_FileAsRecorded_TrueOnceThenFalse()
    {
        TestDatabases.SkipOnPostgreSql("a SQLite file's clean stop");
        using var temp = new TempDatabase();
        CleanStop.Record(temp.Db);

        Assert.True(File.Exists(CleanStop.RecordPath(temp.Db.FilePath)));
        Assert.True(CleanStop.Consume(temp.Db.FilePath));
        Assert.False(File.Exists(CleanStop.RecordPath(temp.Db.FilePath)));
        Assert.False(CleanStop.Consume(temp.Db.FilePath));
    }

    [Fact]
    public async Task Consume_FileWrittenAfterTheRecord_False()
    {
        TestDatabases.SkipOnPostgreSql("a SQLite file's clean stop");
        using var temp = new TempDatabase();
        CleanStop.Record(temp.Db);

        await temp.Db.WriteAsync((c, t) => c.ExecuteAsync("CREATE TABLE later (x TEXT); INSERT INTO later VALUES ('后来写入')", transaction: t));
        Close(temp.Db);

        Assert.False(CleanStop.Consume(temp.Db.FilePath));
    }

    [Fact]
    public async Task Record_WhileAConnectionHoldsLogFrames_RecordsNothing()
    {
        TestDatabases.SkipOnPostgreSql("a SQLite file's clean stop");
        using var temp = new TempDatabase();
        await using var open = new SqliteConnection(temp.Db.ConnectionString + ";Pooling=False");
        await open.OpenAsync(TestContext.Current.CancellationToken);
        await open.ExecuteAsync("CREATE TABLE pending (x TEXT); INSERT INTO pending VALUES ('还在日志里')");

        CleanStop.Record(temp.Db);

        Assert.True(new FileInfo(temp.Db.FilePath + "-wal").Length > 0);
        Assert.False(File.Exists(CleanStop.RecordPath(temp.Db.FilePath)));
        Assert.False(CleanStop.Consume(temp.Db.FilePath));
    }

    [Fact]
    public async Task Migrate_PageDamagedAfterACleanStop_RefusesTheFile()
    {
        TestDatabases.SkipOnPostgreSql("a damaged database file");
        using var temp = new TempDatabase();
        // ~3 MB of rows: they take the free pages the migrations left, so every page at the end of the file is in use.
        await temp.Db.WriteAsync((c, t) => c.ExecuteAsync(
            """
            CREATE TABLE filler (x TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
            INSERT INTO filler SELECT hex(randomblob(500)) FROM n;
            """, transaction: t));
        var (pageSize, pages, free) = await temp.Db.ReadAsync(c => c.QuerySingleAsync<(long, long, long)>(
            "SELECT (SELECT page_size FROM pragma_page_size), (SELECT page_count FROM pragma_page_count), (SELECT freelist_count FROM pragma_freelist_count)"));
        Assert.Equal(0, free);
        Close(temp.Db);
        CleanStop.Record(temp.Db);

        // A table page near the end overwritten: opening the file and reading its schema still work; only a check of
        // every page finds it.
        await using (var file = new FileStream(temp.Db.FilePath, FileMode.Open, FileAccess.Write))
        {
            file.Seek(pageSize * (pages - 10), SeekOrigin.Begin);
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, (int)pageSize).ToArray(), TestContext.Current.CancellationToken);
        }

        var error = Assert.Throws<DatabaseStartupException>(() => SchemaMigrator.Migrate(temp.Db));
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Db.FilePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppHost_StoppedCleanly_LeavesTheRecordThatTheNextStartTakes()
    {
        TestDatabases.SkipOnPostgreSql("a SQLite file's clean stop");
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "liwater.db");
        await using (var app = new LiwaterAppFactory(folder))
        {
            _ = app.BaseAddress;
        }

        Assert.True(File.Exists(CleanStop.RecordPath(path)), "a clean stop records the file");

        await using (var again = new LiwaterAppFactory(folder))
        {
            _ = again.BaseAddress;
            Assert.False(File.Exists(CleanStop.RecordPath(path)), "the start took the record away");
        }
    }

    private static void Close(Db db)
    {
        using var pooled = new SqliteConnection(db.ConnectionString);
        SqliteConnection.ClearPool(pooled);
    }
}
