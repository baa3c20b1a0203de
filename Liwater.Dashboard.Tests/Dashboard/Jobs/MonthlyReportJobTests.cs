using Dapper;
using Liwater.Dashboard.Jobs;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Reports.ReportTestData;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

public sealed class MonthlyReportJobTests : IDisposable
{
    // 06:00 on 1 December 2026 in Lishui, when the recurring entry fires.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.FromHours(8)));
    private readonly TempDatabase temp;
    private readonly TownClock town;
    private readonly MonthlyReportJob job;

    public MonthlyReportJobTests()
    {
        temp = new TempDatabase(clock);
        town = new TownClock(clock, Shanghai);
        var options = new CaseOptions();
        var reports = new PeriodReportQueries(temp.Db, town, new DeadlinePolicy(options.Deadlines), options, new ReportOptions());
        job = new MonthlyReportJob(new ReportCommands(temp.Db, reports), town, NullLogger<MonthlyReportJob>.Instance);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task RunAsync_FirstOfTheMonth_AnnouncesLastMonthOnTheWallsTicker()
    {
        await SeedAsync();

        Assert.True(await job.RunAsync());

        var ticker = (await new LiveCounterQueries(temp.Db, town).GetAsync(TimeSpan.FromHours(1), 8)).Ticker;
        var announced = Assert.Single(ticker, t => t.Kind == ChangeKinds.ReportPublished);
        Assert.Equal(202611, announced.EntityId);
        // Two cases opened in November (one on 30 November at 23:30 local), one resolved; 2 × 3 person-hours.
        // The summary is stored as a code with arguments and worded for the reader (decision 0142).
        Assert.Equal("2026年11月报表已生成：新增案件 2 件，办理完毕 1 件，时限达标率 100.0%，志愿服务 6 人·小时", Words.Zh(ChangeSummaries.Decode(announced.Summary)));
        Assert.Equal("2026-11 report ready: 2 cases opened, 1 resolved, 100.0% of deadlines met, 6 volunteer person-hours", Words.En(ChangeSummaries.Decode(announced.Summary)));
    }

    [Fact]
    public async Task RunAsync_Twice_ChangesNothingTheSecondTime()
    {
        await SeedAsync();
        Assert.True(await job.RunAsync());
        var before = await SnapshotAsync();

        var second = await job.RunAsync();

        Assert.False(second);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PublishAsync_RunningOrBadPeriod_IsRefusedAndWritesNothing()
    {
        await SeedAsync();
        var before = await SnapshotAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => job.PublishAsync("2026-12"));
        await Assert.ThrowsAsync<ArgumentException>(() => job.PublishAsync("2026-13"));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task RunAsync_MonthWithoutRows_AnnouncesAnEmptyReport()
    {
        await SeedTerritoryAsync(temp);

        Assert.True(await job.RunAsync());

        var summary = await temp.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT summary FROM change_log WHERE kind = 'report.published'"));
        Assert.Equal("2026年11月报表已生成：本期无记录", Words.Zh(ChangeSummaries.Decode(summary)));
    }

    private async Task SeedAsync()
    {
        await SeedTerritoryAsync(temp);
        await CaseAsync(temp, 1, "other", "compound", "resolved", Local(11, 10, 9), resolvedAt: Local(11, 11, 9));
        await CaseAsync(temp, 2, "other", "compound", "open", Local(11, 30, 23, 30));
        await CaseAsync(temp, 3, "other", "compound", "open", Local(12, 1, 0, 30));
        await ActivityAsync(temp, 1, "2026-11-05", 1.5, 2);
        await ActivityAsync(temp, 3, "2026-11-20", 3, 1);
    }

    private Task<(long Changes, long LastId, long Cases)> SnapshotAsync() =>
        temp.Db.ReadAsync(c => c.QuerySingleAsync<(long, long, long)>(
            "SELECT (SELECT COUNT(*) FROM change_log), (SELECT COALESCE(MAX(id), 0) FROM change_log), (SELECT COUNT(*) FROM cases)"));
}
