using System.Data.Common;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;

namespace Liwater.Dashboard.Tests.Data.Changes;

/// <summary>
/// On PostgreSQL writers run concurrently and take change_log ids before they commit. A reader that keeps "id > last"
/// must never see a later id before an earlier one that still commits (it would skip it forever).
/// </summary>
public sealed class ChangeLogOrderTests
{
    [Fact]
    public async Task AppendAsync_EarlierWriterHeldOpenWhileLaterWrites_ReaderByIdSkipsNothing()
    {
        Assert.SkipUnless(TestDatabases.IsPostgreSql, "PostgreSQL only: SQLite has one writer, so its ids always commit in order.");
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDatabase();
        var delivered = new List<ChangeEntry>();
        long last = 0;

        async Task ReadLikeTheFeedAsync()
        {
            await using var reader = await temp.Db.OpenAsync(ct);
            var rows = await ChangeLog.ReadAfterAsync(reader, last, 100);
            delivered.AddRange(rows);
            last = rows.Count > 0 ? rows[^1].Id : last;
        }

        // T1 takes the first id and stays open, as a slow write would.
        await using var slow = await temp.Db.OpenAsync(ct);
        await using var slowTransaction = await slow.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var firstId = await ChangeLog.AppendAsync(slow, slowTransaction, 1, ChangeKinds.CaseOpened, "case", 1, 1, "held open");

        // T2 writes later, through the ordinary write path, and would commit first if nothing stopped it.
        var later = temp.Db.WriteAsync((c, t) => ChangeLog.AppendAsync(c, t, 2, ChangeKinds.CaseResolved, "case", 2, 1, "written later"), ct);
        await Task.WhenAny(later, Task.Delay(TimeSpan.FromMilliseconds(700), ct));
        await ReadLikeTheFeedAsync();
        Assert.False(later.IsCompleted, "the later writer committed while an earlier id was still open");
        Assert.Empty(delivered);

        await slowTransaction.CommitAsync(ct);
        var secondId = await later;
        await ReadLikeTheFeedAsync();

        Assert.True(firstId < secondId);
        Assert.Equal([firstId, secondId], delivered.Select(d => d.Id));
        Assert.Equal(["held open", "written later"], delivered.Select(d => d.Summary));
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentWriters_ReaderPollingByIdSeesEveryChangeOnceInOrder()
    {
        Assert.SkipUnless(TestDatabases.IsPostgreSql, "PostgreSQL only: SQLite queues its writers one at a time.");
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDatabase();
        const int writers = 8;
        const int eachWrites = 25;
        var seen = new List<long>();
        long last = 0;
        using var done = new CancellationTokenSource();

        var reading = Task.Run(
            async () =>
            {
                while (true)
                {
                    var finished = done.IsCancellationRequested;
                    await using (DbConnection reader = await temp.Db.OpenAsync(ct))
                    {
                        foreach (var row in await ChangeLog.ReadAfterAsync(reader, last, 1000))
                        {
                            seen.Add(row.Id);
                            last = row.Id;
                        }
                    }

                    if (finished)
                    {
                        return;
                    }
                }
            },
            ct);

        var ids = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(
            async () =>
            {
                var mine = new List<long>();
                for (var i = 0; i < eachWrites; i++)
                {
                    mine.Add(await temp.Db.WriteAsync((c, t) => ChangeLog.AppendAsync(c, t, i, ChangeKinds.CaseUpdated, "case", w, 1), ct));
                }

                return mine;
            },
            ct)));
        await done.CancelAsync();
        await reading;

        var written = ids.SelectMany(i => i).Order().ToList();
        Assert.Equal(writers * eachWrites, written.Count);
        Assert.Equal(written, seen);
    }
}
