using Dapper;
using Liwater.Dashboard.Jobs;
using Liwater.Data.Changes;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

public sealed class StatisticsSnapshotJobTests
{
    private static StatisticsSnapshotJob Job(JobTestDatabase db) =>
        new(new SnapshotCommands(db.Db, db.Town), db.Clock, new FixedOptions<JobsOptions>(new JobsOptions()), NullLogger<StatisticsSnapshotJob>.Instance);

    [Fact]
    public async Task RunAsync_DemoData_WritesTownCommunitiesAndCompoundsAtTheMinute()
    {
        using var db = await JobTestDatabase.CreateAsync();

        var result = await Job(db).RunAsync();

        var minute = JobTestDatabase.Start.AddSeconds(-30).ToUnixTimeMilliseconds();
        Assert.Equal(minute, result.TakenAt);
        Assert.Equal(1 + 6 + 43, result.Rows);
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM statistics_snapshots WHERE scope = 'town' AND scope_id = 0 AND taken_at = @minute", new { minute }));
        Assert.Equal(6, await db.CountAsync("SELECT COUNT(*) FROM statistics_snapshots WHERE scope = 'community'"));
        Assert.Equal(43, await db.CountAsync("SELECT COUNT(*) FROM statistics_snapshots WHERE scope = 'compound'"));
        var open = await db.CountAsync("SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress')");
        Assert.True(open > 0);
        Assert.Equal(open, await db.CountAsync("SELECT open_cases FROM statistics_snapshots WHERE scope = 'town'"));
        Assert.Equal(open, await db.CountAsync("SELECT SUM(open_cases) FROM statistics_snapshots WHERE scope = 'community'"));
        Assert.Equal(
            await db.CountAsync("SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress') AND due_at < @now", new { now = db.Db.NowMs }),
            await db.CountAsync("SELECT breached FROM statistics_snapshots WHERE scope = 'town'"));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind AND entity_id = @minute", new { kind = ChangeKinds.StatisticsUpdated, minute }));
    }

    [Fact]
    public async Task RunAfterChangeAsync_QueuedByTwoNodesForOneBurst_SnapshotTakenOnce()
    {
        using var db = await JobTestDatabase.CreateAsync();
        var burst = await db.CountAsync("SELECT MAX(id) FROM change_log");

        // Both nodes of a cluster read the same change and each queues a job for it; the job runs on either node.
        var first = await Job(db).RunAfterChangeAsync(burst);
        var second = await Job(db).RunAfterChangeAsync(burst);

        Assert.NotNull(first);
        Assert.Equal(1 + 6 + 43, first.Rows);
        Assert.Null(second);
        Assert.Equal(burst, await db.CountAsync("SELECT change_id FROM statistics_snapshot_cursor"));
    }

    [Fact]
    public async Task RunAfterChangeAsync_TwoAtOnce_OneTakesTheSnapshotAndALaterChangeIsSnapshottedAgain()
    {
        using var db = await JobTestDatabase.CreateAsync();
        var burst = await db.CountAsync("SELECT MAX(id) FROM change_log");

        // At the same moment on two nodes (on PostgreSQL: two serializable transactions; one is retried and sees the other).
        var results = await Task.WhenAll(Job(db).RunAfterChangeAsync(burst), Job(db).RunAfterChangeAsync(burst));
        await db.Db.WriteAsync((c, t) => ChangeLog.AppendAsync(c, t, db.Db.NowMs, ChangeKinds.CaseOpened, "case", 1, null, "新变更"));
        var later = await db.CountAsync("SELECT MAX(id) FROM change_log");
        var afterLater = await Job(db).RunAfterChangeAsync(later);

        Assert.Single(results, r => r is not null);
        Assert.NotNull(afterLater);
        Assert.Equal(later, await db.CountAsync("SELECT change_id FROM statistics_snapshot_cursor"));
    }

    [Fact]
    public async Task RunAsync_Twice_ChangesNothingTheSecondTime()
    {
        using var db = await JobTestDatabase.CreateAsync();
        await Job(db).RunAsync();
        var changes = await db.CountAsync("SELECT MAX(id) FROM change_log");

        db.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await Job(db).RunAsync();

        Assert.Equal(0, second.Changed);
        Assert.Equal(50, await db.CountAsync("SELECT COUNT(*) FROM statistics_snapshots"));
        Assert.Equal(changes, await db.CountAsync("SELECT MAX(id) FROM change_log"));
    }

    [Fact]
    public async Task RunAsync_CaseOpenedWithinTheMinute_ReplacesTheMinuteAndAnnouncesAgain()
    {
        using var db = await JobTestDatabase.CreateAsync();
        await Job(db).RunAsync();
        var before = await db.CountAsync("SELECT open_cases FROM statistics_snapshots WHERE scope = 'town'");
        await db.Db.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE cases SET status = 'open', resolved_at = NULL, closed_at = NULL WHERE id = (SELECT MIN(id) FROM cases WHERE status = 'closed')", transaction: t));

        db.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await Job(db).RunAsync();

        Assert.Equal(3, second.Changed); // the town, its community and its compound
        Assert.Equal(before + 1, await db.CountAsync("SELECT open_cases FROM statistics_snapshots WHERE scope = 'town'"));
        Assert.Equal(2, await db.CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind", new { kind = ChangeKinds.StatisticsUpdated }));
    }

    [Fact]
    public async Task RunAsync_NextMinute_AddsANewRowPerScope()
    {
        using var db = await JobTestDatabase.CreateAsync();
        await Job(db).RunAsync();

        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await Job(db).RunAsync();

        Assert.Equal(2, await db.CountAsync("SELECT COUNT(DISTINCT taken_at) FROM statistics_snapshots WHERE scope = 'town'"));
        Assert.Equal(100, await db.CountAsync("SELECT COUNT(*) FROM statistics_snapshots"));
    }

    [Fact]
    public async Task RunAsync_MinuteRowsOlderThanKept_ThinsThemToOnePerHour()
    {
        using var db = await JobTestDatabase.CreateAsync(start: new DateTimeOffset(2026, 11, 25, 3, 0, 10, TimeSpan.Zero)); // on the hour
        var options = new JobsOptions { SnapshotKeepMinuteDays = 1 };
        var job = new StatisticsSnapshotJob(new SnapshotCommands(db.Db, db.Town), db.Clock, new FixedOptions<JobsOptions>(options), NullLogger<StatisticsSnapshotJob>.Instance);
        await job.RunAsync();
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await job.RunAsync();

        db.Clock.Advance(TimeSpan.FromDays(2));
        await job.RunAsync();

        Assert.Equal(2, await db.CountAsync("SELECT COUNT(DISTINCT taken_at) FROM statistics_snapshots WHERE scope = 'town'"));
        var prunedMinute = new DateTimeOffset(2026, 11, 25, 3, 1, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM statistics_snapshots WHERE taken_at = @prunedMinute", new { prunedMinute }));
        Assert.Equal(50, await db.CountAsync("SELECT COUNT(*) FROM statistics_snapshots WHERE taken_at = @hour", new { hour = prunedMinute - 60_000 }));
    }
}
