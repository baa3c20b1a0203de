using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Reports.ReportTestData;

namespace Liwater.Dashboard.Tests.Data.Reports;

public sealed class PeriodReportQueriesTests : IDisposable
{
    // 2026-12-10 10:00 in Lishui: November is over, December is the current month.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase temp;
    private readonly PeriodReportQueries queries;

    public PeriodReportQueriesTests()
    {
        temp = new TempDatabase(clock);
        var options = new CaseOptions();
        queries = new PeriodReportQueries(temp.Db, new TownClock(clock, Shanghai), new DeadlinePolicy(options.Deadlines), options, new ReportOptions());
    }

    public void Dispose() => temp.Dispose();

    /// <summary>
    /// November 2026, by hand (local times; compound 3 days, community 7, town 15; property marks 5/10/15 minutes):
    /// A property case met every mark and was closed; B replied late and did nothing else; C was escalated on the 1st
    /// and resolved in time; D was opened at community level and cancelled within the hour; E went up and back down
    /// and is now overdue at compound level; F was escalated to town on the 5th after a recorded community breach; G
    /// was resolved and reopened by an unsatisfied resident.
    /// </summary>
    private async Task<Dictionary<char, long>> SeedNovemberAsync()
    {
        await SeedTerritoryAsync(temp);
        var a = await CaseAsync(temp, 1, "property_service", "compound", "closed", Local(11, 3, 10),
            repliedAt: Local(11, 3, 10, 3), actionAt: Local(11, 3, 10, 8), resultAt: Local(11, 3, 10, 12),
            resolvedAt: Local(11, 3, 11), closedAt: Local(11, 3, 12));
        await EventAsync(temp, a, "resolved", Local(11, 3, 11));
        await EventAsync(temp, a, "confirmed_satisfied", Local(11, 3, 12));

        var b = await CaseAsync(temp, 2, "property_service", "compound", "in_progress", Local(11, 5, 9), repliedAt: Local(11, 5, 9, 7));
        await BreachAsync(temp, b, "action", "compound", Local(11, 5, 9, 10));

        var c = await CaseAsync(temp, 3, "building_safety", "community", "resolved", Local(10, 30, 10),
            levelEnteredAt: Local(11, 1, 12), resolvedAt: Local(11, 4, 10));
        await EventAsync(temp, c, "escalated", Local(11, 1, 12), "compound", "community");
        await EventAsync(temp, c, "resolved", Local(11, 4, 10));

        var d = await CaseAsync(temp, 1, "environment_sanitation", "community", "cancelled", Local(11, 10, 8), closedAt: Local(11, 10, 9));

        var e = await CaseAsync(temp, 3, "other", "compound", "open", Local(11, 12, 9), levelEnteredAt: Local(11, 14, 9));
        await EventAsync(temp, e, "escalated", Local(11, 13, 9), "compound", "community");
        await EventAsync(temp, e, "consultation", Local(11, 13, 15));
        await EventAsync(temp, e, "consultation", Local(11, 14, 8));
        await EventAsync(temp, e, "returned", Local(11, 14, 9), "community", "compound");

        var f = await CaseAsync(temp, 2, "other", "town", "in_progress", Local(9, 1, 9), levelEnteredAt: Local(11, 5, 9));
        await BreachAsync(temp, f, "level", "community", Local(11, 3, 9));
        await EventAsync(temp, f, "escalated", Local(11, 5, 9), "community", "town");

        var g = await CaseAsync(temp, 1, "other", "compound", "in_progress", Local(11, 20, 10), levelEnteredAt: Local(11, 22, 10));
        await EventAsync(temp, g, "resolved", Local(11, 21, 10));
        await EventAsync(temp, g, "confirmed_unsatisfied", Local(11, 22, 10));

        await ActivityAsync(temp, 1, "2026-11-02", 2, 3);
        await ActivityAsync(temp, 3, "2026-11-30", 1.5, 2);
        await ActivityAsync(temp, 1, "2026-12-01", 10, 10);
        await ActivityAsync(temp, 1, "2026-10-31", 10, 10);

        await ExecAsync(temp,
            """
            INSERT INTO council_meetings (id, council_id, held_on, title) VALUES (1, 1, '2026-11-15', '十一月议事'), (2, 1, '2026-10-20', '十月议事');
            INSERT INTO motions (council_meeting_id, title, status, result, closed_at) VALUES
                (1, '加装电梯', 'closed', 'passed', @passedAt), (1, '车位划线', 'open', NULL, NULL), (2, '外墙清洗', 'closed', 'rejected', @rejectedAt);
            """,
            new { passedAt = Local(11, 15, 11), rejectedAt = Local(11, 2, 11) });
        return new() { ['a'] = a, ['b'] = b, ['c'] = c, ['d'] = d, ['e'] = e, ['f'] = f, ['g'] = g };
    }

    [Fact]
    public async Task GetAsync_HandBuiltMonth_CountsOpenedResolvedClosedCancelledByCategoryAndLevel()
    {
        await SeedNovemberAsync();

        var report = await queries.GetAsync(ReportPeriod.Month(2026, 11));
        var town = report.Total;

        Assert.False(report.ToDate);
        Assert.Equal(new CaseCounts(Opened: 5, Resolved: 2, Closed: 1, Cancelled: 1), town.Totals);
        var byLevel = town.ByLevel.ToDictionary(k => k.Key, k => k.Counts);
        Assert.Equal(new CaseCounts(4, 1, 1, 0), byLevel["compound"]);
        Assert.Equal(new CaseCounts(1, 1, 0, 1), byLevel["community"]);
        Assert.False(byLevel.ContainsKey("town"));
        var byCategory = town.ByCategory.ToDictionary(k => k.Key, k => k.Counts);
        Assert.Equal(new CaseCounts(2, 1, 1, 0), byCategory["property_service"]);
        Assert.Equal(new CaseCounts(0, 1, 0, 0), byCategory["building_safety"]);
        Assert.Equal(new CaseCounts(1, 0, 0, 1), byCategory["environment_sanitation"]);
        Assert.Equal(new CaseCounts(2, 0, 0, 0), byCategory["other"]);
    }

    [Fact]
    public async Task GetAsync_HandBuiltMonth_SlaPerMarkFromPolicyAndRecordedBreaches()
    {
        await SeedNovemberAsync();

        var sla = (await queries.GetAsync(ReportPeriod.Month(2026, 11))).Total.Sla.ToDictionary(s => (s.Mark, s.Level), s => (s.Due, s.Breached));

        // A on time, B late (reply) or never (action, result); B's recorded action breach is not counted twice.
        Assert.Equal((2L, 1L), sla[("reply", "compound")]);
        Assert.Equal((2L, 1L), sla[("action", "compound")]);
        Assert.Equal((2L, 1L), sla[("result", "compound")]);
        // A met (resolved); B, E (after its return) and G (after reopening) unmet; D was cancelled before its mark.
        Assert.Equal((4L, 3L), sla[("level", "compound")]);
        // C met its community limit; F's community breach is known only from the watchdog's row.
        Assert.Equal((2L, 1L), sla[("level", "community")]);
        Assert.Equal((1L, 1L), sla[("level", "town")]);
        Assert.Equal(6, sla.Count);
    }

    [Fact]
    public async Task GetAsync_HandBuiltMonth_TimesEventsSatisfactionVolunteersAndMotions()
    {
        await SeedNovemberAsync();

        var town = (await queries.GetAsync(ReportPeriod.Month(2026, 11))).Total;

        Assert.Equal(new DurationFigure(2, Minutes(3), Minutes(7)), town.TimeToReply);
        Assert.Equal(new DurationFigure(1, Minutes(12), Minutes(12)), town.TimeToResult);
        Assert.Equal((3L, 1L, 2L), (town.EscalationsUp, town.ReturnsDown, town.EscalatedPastCompound));
        Assert.Equal(2, town.ConsultationRounds);
        Assert.Equal(new PartOf(1, 2), town.Satisfaction);
        Assert.Equal(new PartOf(1, 3), town.Reopen);
        Assert.Equal((9.0, 2L), (town.VolunteerHours, town.VolunteerActivities));
        Assert.Equal(new MotionCounts(Raised: 2, Passed: 1, Rejected: 1, NoQuorum: 0), town.Motions);
    }

    [Fact]
    public async Task GetAsync_Communities_PartsAddUpAndCommunityScopeSeesOnlyItsOwn()
    {
        await SeedNovemberAsync();

        var report = await queries.GetAsync(ReportPeriod.Month(2026, 11));
        var hainanzhou = await queries.GetAsync(ReportPeriod.Month(2026, 11), communityId: 2);

        Assert.Equal(["金溪社区", "海南洲社区"], report.Communities.Select(c => c.Name));
        Assert.Equal(new CaseCounts(4, 1, 1, 1), report.Communities[0].Totals);
        Assert.Equal(new CaseCounts(1, 1, 0, 0), report.Communities[1].Totals);
        Assert.Equal(6.0, report.Communities[0].VolunteerHours);
        Assert.Equal("海南洲社区", hainanzhou.Total.Name);
        Assert.Single(hainanzhou.Communities);
        Assert.Equal(new CaseCounts(1, 1, 0, 0), hainanzhou.Total.Totals);
        Assert.Equal((2L, 1L, 2L), (hainanzhou.Total.EscalationsUp, hainanzhou.Total.ReturnsDown, hainanzhou.Total.EscalatedPastCompound));
        Assert.Equal(3.0, hainanzhou.Total.VolunteerHours);
        Assert.Equal(new MotionCounts(2, 1, 1, 0), hainanzhou.Total.Motions);
    }

    [Fact]
    public async Task GetAsync_QuarterAndCurrentMonth_WindowsFollowTheLocalCalendar()
    {
        var ids = await SeedNovemberAsync();
        // Opened at 23:30 local on 30 November: November's.
        await CaseAsync(temp, 1, "other", "compound", "open", Local(11, 30, 23, 30));
        // 00:30 local on 1 December is 30 November in UTC: December's.
        await CaseAsync(temp, 1, "other", "compound", "open", Local(12, 1, 0, 30));

        var november = await queries.GetAsync(ReportPeriod.Month(2026, 11));
        var december = await queries.GetAsync(ReportPeriod.Month(2026, 12));
        var quarter = await queries.GetAsync(ReportPeriod.Quarter(2026, 4));

        Assert.Equal(6, november.Total.Totals.Opened);
        Assert.Equal(1, december.Total.Totals.Opened);
        Assert.True(december.ToDate);
        Assert.Equal(new DateOnly(2026, 12, 10), december.LastDay);
        Assert.Equal(100.0, december.Total.VolunteerHours);
        // October 30 (C) plus the six of November plus the one of December.
        Assert.Equal(8, quarter.Total.Totals.Opened);
        Assert.NotEqual(0, ids['c']);
    }

    [Fact]
    public async Task GetAsync_PeriodWithoutRows_IsEmpty()
    {
        await SeedNovemberAsync();

        var report = await queries.GetAsync(ReportPeriod.Month(2025, 2));

        Assert.True(report.IsEmpty);
        Assert.Equal(CaseCounts.Zero, report.Total.Totals);
        Assert.Null(report.Total.Satisfaction.Rate);
        Assert.Null(report.Total.TimeToReply.MedianMs);
        Assert.All(report.Communities, c => Assert.True(c.IsEmpty));
    }

    [Fact]
    public async Task ByCompoundAsync_ServiceRecord_SlaReopenDissatisfactionAndEscalationsPerCompound()
    {
        await SeedNovemberAsync();

        var record = await queries.ByCompoundAsync(ReportPeriod.Quarter(2026, 4));

        // Compound 1 (A, D, G): marks of A all met, G's compound limit missed; one satisfied and one unsatisfied.
        Assert.Equal(new PartOf(4, 5), record[1].SlaOverall);
        Assert.Equal(new PartOf(1, 2), record[1].Dissatisfaction);
        Assert.Equal(new PartOf(1, 2), record[1].Reopen);
        // Compound 3 (C, E): both escalated from the compound in the quarter.
        Assert.Equal(2, record[3].EscalatedPastCompound);
        Assert.Null(record[3].Satisfaction.Rate);
        // Compound 2 (B, F): B met nothing in time, F breached at community and at town.
        Assert.Equal(new PartOf(0, 6), record[2].SlaOverall);
    }
}
