using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;

namespace Liwater.Dashboard.Tests.Data.Database;

/// <summary>SQLite group commit (decision 0161): writes queued while the writer is busy share one transaction, each
/// under its own savepoint; one that fails is rolled back alone; every caller hears back after the commit.</summary>
public sealed class DbGroupCommitTests : IDisposable
{
    private readonly TempDatabase temp = new();

    public void Dispose() => temp.Dispose();

    private Db Db => temp.Db;

    [Fact]
    public async Task WriteAsync_WritesQueuedBehindABusyWriter_CommitTogetherInOneTransaction()
    {
        TestDatabases.SkipOnPostgreSql("group commit is the SQLite writer");
        await CreateTableAsync();
        var before = Db.CommitCounts;
        var (blocker, release) = await BlockTheWriterAsync();

        var queued = Enumerable.Range(1, 20).Select(i => Db.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (v) VALUES (@i)", new { i }, t))).ToList();
        release.SetResult();
        await blocker;
        await Task.WhenAll(queued);

        var after = Db.CommitCounts;
        Assert.Equal(21, after.Writes - before.Writes);
        Assert.Equal(2, after.Commits - before.Commits);
        Assert.Equal(210, await SumAsync());
    }

    [Fact]
    public async Task WriteAsync_OneWriteOfABatchFails_OnlyItIsRolledBackAndOnlyItsCallerSeesTheError()
    {
        TestDatabases.SkipOnPostgreSql("group commit is the SQLite writer");
        await CreateTableAsync();
        var (blocker, release) = await BlockTheWriterAsync();

        var first = Db.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (v) VALUES (1)", null, t));
        // Inserts a row, then breaks the CHECK: its own row must not survive.
        var failing = Db.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO t (v) VALUES (100)", null, t);
            await c.ExecuteAsync("INSERT INTO t (v) VALUES (-1)", null, t);
        });
        var third = Db.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (v) VALUES (2)", null, t));
        release.SetResult();
        await blocker;

        await first;
        await third;
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => failing);
        Assert.Equal(3, await SumAsync());
    }

    [Fact]
    public async Task WriteAsync_Returned_RowIsVisibleToAnotherConnection()
    {
        await CreateTableAsync();

        var written = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            Db.WriteAsync((c, t) => c.ExecuteScalarAsync<long>("INSERT INTO t (v) VALUES (@i) RETURNING v", new { i }, t))));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), written.Order());
        Assert.Equal(55, await SumAsync());
    }

    private Task<int> CreateTableAsync() => Db.WriteAsync((c, t) => c.ExecuteAsync("CREATE TABLE t (v INTEGER NOT NULL CHECK (v >= 0))", null, t));

    /// <summary>A write that holds the writer until released (it is committed first, alone).</summary>
    private async Task<(Task Blocker, TaskCompletionSource Release)> BlockTheWriterAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = Db.WriteAsync(async (c, t) =>
        {
            started.SetResult();
            await release.Task;
            await c.ExecuteAsync("INSERT INTO t (v) VALUES (0)", null, t);
        });
        await started.Task;
        return (blocker, release);
    }

    private async Task<long> SumAsync()
    {
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(v), 0) FROM t");
    }
}
