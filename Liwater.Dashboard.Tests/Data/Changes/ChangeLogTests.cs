using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;

namespace Liwater.Dashboard.Tests.Data.Changes;

public sealed class ChangeLogTests
{
    [Fact]
    public async Task WriteAsync_Commit_AppendsInOrderAndRaisesTheSignalOnce()
    {
        var signal = new CountingSignal();
        using var temp = new TempDatabase(signal: signal);
        await temp.Db.WriteAsync((c, t) => ChangeLog.AppendAsync(c, t, 1, ChangeKinds.CaseOpened, "case", 10, 2));
        await temp.Db.WriteAsync((c, t) => ChangeLog.AppendAsync(c, t, 2, ChangeKinds.CaseResolved, "case", 10, 2));

        await using var connection = await temp.Db.OpenAsync();
        var rows = await ChangeLog.ReadAfterAsync(connection, 0, 10);
        Assert.Equal([ChangeKinds.CaseOpened, ChangeKinds.CaseResolved], rows.Select(r => r.Kind));
        Assert.Equal(rows[1].Id, await ChangeLog.LastIdAsync(connection));
        Assert.Single(await ChangeLog.ReadAfterAsync(connection, rows[0].Id, 10));
        Assert.Equal(2, signal.Count);
    }

    [Fact]
    public async Task WriteAsync_Failure_LeavesNoChangeRowAndNoSignal()
    {
        var signal = new CountingSignal();
        using var temp = new TempDatabase(signal: signal);
        await Assert.ThrowsAnyAsync<Exception>(() => temp.Db.WriteAsync(async (c, t) =>
        {
            await ChangeLog.AppendAsync(c, t, 1, ChangeKinds.CaseOpened, "case", 10, 2);
            await c.ExecuteAsync("INSERT INTO no_such_table VALUES (1)", transaction: t);
        }));

        await using var connection = await temp.Db.OpenAsync();
        Assert.Equal(0, await ChangeLog.LastIdAsync(connection));
        Assert.Equal(0, signal.Count);
    }

    private sealed class CountingSignal : IChangeSignal
    {
        public int Count { get; private set; }

        public void Committed() => Count++;
    }
}
