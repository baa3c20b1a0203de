using Liwater.Dashboard.Tests.Data.Demo;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Reports.ReportTestData;

namespace Liwater.Dashboard.Tests.Data.Reports;

/// <summary>The period report and the command-centre wall count the same rows the same way for the same period.</summary>
public sealed class ReportWallAgreementTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    private static PeriodReportQueries Reports(Db db, TownClock town)
    {
        var options = new CaseOptions();
        return new PeriodReportQueries(db, town, new DeadlinePolicy(options.Deadlines), options, new ReportOptions());
    }

    [Fact]
    public async Task GetAsync_HandBuiltDay_ResolvedAndVolunteerHoursEqualTheWall()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        using var temp = new TempDatabase(clock);
        var town = new TownClock(clock, Shanghai);
        await SeedTerritoryAsync(temp);
        // Resolved at 00:10 local today (the 9th in UTC), at 09:00 today, and at 23:50 local yesterday.
        await CaseAsync(temp, 1, "other", "compound", "resolved", Local(12, 8, 9), resolvedAt: Local(12, 10, 0, 10));
        await CaseAsync(temp, 3, "other", "community", "closed", Local(12, 9, 9), resolvedAt: Local(12, 10, 9), closedAt: Local(12, 10, 9, 30));
        await CaseAsync(temp, 2, "other", "compound", "resolved", Local(12, 9, 9), resolvedAt: Local(12, 9, 23, 50));
        await ActivityAsync(temp, 1, "2026-12-10", 2, 4);
        await ActivityAsync(temp, 3, "2026-12-01", 1.5, 3);
        await ActivityAsync(temp, 2, "2026-11-30", 5, 5);

        var wall = (await new LiveCounterQueries(temp.Db, town).GetAsync(TimeSpan.FromHours(1), 8)).Counters;
        var day = (await Reports(temp.Db, town).GetAsync(ReportPeriod.Day(town.Today))).Total;
        var month = (await Reports(temp.Db, town).GetAsync(ReportPeriod.Month(2026, 12))).Total;

        Assert.Equal(2, wall.ResolvedToday);
        Assert.Equal(wall.ResolvedToday, day.Totals.Resolved);
        Assert.Equal(8.0, wall.VolunteerHoursToday);
        Assert.Equal(wall.VolunteerHoursToday, day.VolunteerHours);
        Assert.Equal(12.5, wall.VolunteerHoursMonth);
        Assert.Equal(wall.VolunteerHoursMonth, month.VolunteerHours);
    }

    [Fact]
    public async Task GetAsync_DemoTown_TodayAndThisMonthEqualTheWallAndItsTrend()
    {
        var clock = new FakeTimeProvider(DemoDatabaseFixture.Now);
        var town = new TownClock(clock, Shanghai);
        var db = demo.Database.Db;

        var screen = await new LiveCounterQueries(db, town).GetAsync(TimeSpan.FromHours(1), 8);
        var today = (await Reports(db, town).GetAsync(ReportPeriod.Day(town.Today))).Total;
        var month = (await Reports(db, town).GetAsync(ReportPeriod.Month(town.Today.Year, town.Today.Month))).Total;
        var lastDays = (await Reports(db, town).GetAsync(ReportPeriod.Day(town.Today.AddDays(-3)))).Total;

        Assert.Equal(screen.Counters.ResolvedToday, today.Totals.Resolved);
        Assert.Equal(screen.Counters.VolunteerHoursToday, today.VolunteerHours, 6);
        Assert.Equal(screen.Counters.VolunteerHoursMonth, month.VolunteerHours, 6);
        Assert.True(month.VolunteerHours > 0, "the demo data logs activities every month");
        // The wall's hours trend for a past day is that day's report.
        Assert.Equal(screen.VolunteerHoursTrend.Single(d => d.Day == TownClock.Iso(town.Today.AddDays(-3))).Value, lastDays.VolunteerHours, 6);
    }
}
