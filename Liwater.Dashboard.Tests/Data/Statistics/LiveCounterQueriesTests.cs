using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Data.Statistics;

public sealed class LiveCounterQueriesTests : IDisposable
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // 2025-03-15 10:00 in Lishui.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 15, 2, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase temp;
    private readonly TownClock town;
    private readonly LiveCounterQueries queries;

    public LiveCounterQueriesTests()
    {
        temp = new TempDatabase(clock);
        town = new TownClock(clock, Shanghai);
        queries = new LiveCounterQueries(temp.Db, town);
    }

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Hours(double h) => (long)(h * 3_600_000);

    [Fact]
    public async Task GetAsync_MixedRows_CountsEveryCounterFromRows()
    {
        await SeedTerritoryAsync();
        var overdue = await CaseAsync(1, "compound", "open", openedAt: Now - Hours(50), dueAt: Now - Hours(1));
        await CaseAsync(1, "community", "in_progress", openedAt: Now - Hours(5), dueAt: Now + Hours(3));
        await CaseAsync(2, "town", "open", openedAt: Now - Hours(5), dueAt: Now + Hours(100));
        var resolvedToday = await CaseAsync(2, "compound", "resolved", openedAt: Now - Hours(30), dueAt: Now - Hours(20), resolvedAt: Now - Hours(2));
        await CaseAsync(2, "compound", "closed", openedAt: Now - Hours(100), resolvedAt: Now - Hours(80), closedAt: Now - Hours(70));
        // Breach recorded today on a case resolved since, and one recorded yesterday: only the first counts.
        await ExecAsync("INSERT INTO case_breaches VALUES (@id, 'result', 'compound', @due, @at)", new { id = resolvedToday, due = Now - Hours(20), at = Now - Hours(3) });
        await ExecAsync("INSERT INTO case_breaches VALUES (@id, 'result', 'compound', @due, @at)", new { id = overdue, due = Now - Hours(30), at = Now - Hours(29) });
        await ActivityAsync(1, "2025-03-15", 2, 5);
        await ActivityAsync(2, "2025-03-15", 1.5, 2);
        await ActivityAsync(1, "2025-03-01", 3, 4);
        await ActivityAsync(1, "2025-02-28", 10, 10);

        var data = await queries.GetAsync(TimeSpan.FromHours(24), 8);
        var counters = data.Counters;

        Assert.Equal((1, 1, 1), (counters.OpenCompound, counters.OpenCommunity, counters.OpenTown));
        Assert.Equal(2, counters.BreachesToday);
        Assert.Equal(1, counters.OverdueNow);
        Assert.Equal(1, counters.ResolvedToday);
        Assert.Equal(13, counters.VolunteerHoursToday);
        Assert.Equal(25, counters.VolunteerHoursMonth);
    }

    [Fact]
    public async Task GetAsync_BreachesToday_EachCaseOnceWhetherBreachedTodayOverdueNowOrBoth()
    {
        await SeedTerritoryAsync();
        var overdueAndBreachedToday = await CaseAsync(1, "compound", "open", openedAt: Now - Hours(50), dueAt: Now - Hours(2));
        await CaseAsync(1, "community", "in_progress", openedAt: Now - Hours(50), dueAt: Now - Hours(1));
        var breachedTwiceToday = await CaseAsync(2, "community", "open", openedAt: Now - Hours(9), dueAt: Now + Hours(20));
        var resolvedAfterBreach = await CaseAsync(2, "compound", "resolved", openedAt: Now - Hours(9), dueAt: Now - Hours(4), resolvedAt: Now - Hours(1));
        await CaseAsync(3, "compound", "open", openedAt: Now - Hours(9), dueAt: Now + Hours(20));
        const string breach = "INSERT INTO case_breaches VALUES (@id, @mark, @level, @due, @at)";
        await ExecAsync(breach, new { id = overdueAndBreachedToday, mark = "result", level = "compound", due = Now - Hours(2), at = Now - Hours(1) });
        await ExecAsync(breach, new { id = breachedTwiceToday, mark = "reply", level = "compound", due = Now - Hours(8), at = Now - Hours(7) });
        await ExecAsync(breach, new { id = breachedTwiceToday, mark = "result", level = "compound", due = Now - Hours(5), at = Now - Hours(4) });
        await ExecAsync(breach, new { id = resolvedAfterBreach, mark = "result", level = "compound", due = Now - Hours(4), at = Now - Hours(3) });

        var counters = (await queries.GetAsync(TimeSpan.FromHours(24), 8)).Counters;

        Assert.Equal(2, counters.OverdueNow);
        Assert.Equal(4, counters.BreachesToday);
    }

    [Fact]
    public async Task GetAsync_OpenCases_WorstSlaStatePerCompound()
    {
        await SeedTerritoryAsync();
        await CaseAsync(1, "compound", "open", openedAt: Now - Hours(5), dueAt: Now + Hours(100));
        await CaseAsync(1, "compound", "open", openedAt: Now - Hours(5), dueAt: Now - Hours(1));
        await CaseAsync(2, "compound", "open", openedAt: Now - Hours(5), dueAt: Now + Hours(2));
        await CaseAsync(3, "compound", "open", openedAt: Now - Hours(5), dueAt: null);

        var compounds = (await queries.GetAsync(TimeSpan.FromHours(24), 8)).Compounds.ToDictionary(c => c.Id);

        Assert.Equal(SlaState.Overdue, compounds[1].Sla);
        Assert.Equal(2, compounds[1].OpenCases);
        Assert.Equal(SlaState.DueSoon, compounds[2].Sla);
        Assert.Equal(SlaState.Ok, compounds[3].Sla);
        Assert.Equal(SlaState.None, compounds[4].Sla);
        Assert.True(compounds[1].HasOwnBranch);
        Assert.False(compounds[2].HasOwnBranch);
    }

    [Fact]
    public async Task GetAsync_Trends_OpenAtEachDayEndAndHoursPerDay()
    {
        await SeedTerritoryAsync();
        var todayStart = town.StartOfDayMs(new DateOnly(2025, 3, 15));
        // Open from 3 days ago until yesterday noon; open since yesterday morning; cancelled two days ago.
        await CaseAsync(1, "compound", "resolved", openedAt: todayStart - Hours(72), resolvedAt: todayStart - Hours(12));
        await CaseAsync(1, "compound", "open", openedAt: todayStart - Hours(15));
        await CaseAsync(2, "compound", "cancelled", openedAt: todayStart - Hours(60), updatedAt: todayStart - Hours(40));
        await ActivityAsync(1, "2025-03-14", 2, 3);
        await ActivityAsync(2, "2025-03-14", 1, 1);

        var data = await queries.GetAsync(TimeSpan.FromHours(24), 8);
        var open = data.OpenCasesTrend.ToDictionary(d => d.Day, d => d.Value);
        var hours = data.VolunteerHoursTrend;

        Assert.Equal(LiveCounterQueries.TrendDays, data.OpenCasesTrend.Count);
        Assert.Equal(("2025-02-14", "2025-03-15"), (data.OpenCasesTrend[0].Day, data.OpenCasesTrend[^1].Day));
        Assert.Equal(0, open["2025-03-11"]);
        Assert.Equal(2, open["2025-03-12"]);
        Assert.Equal(1, open["2025-03-13"]);
        Assert.Equal(1, open["2025-03-14"]);
        Assert.Equal(1, open["2025-03-15"]);
        Assert.Equal(LiveCounterQueries.TrendDays, hours.Count);
        Assert.Equal(7, hours.Single(h => h.Day == "2025-03-14").Value);
        Assert.Equal(0, hours[^1].Value);
    }

    [Fact]
    public async Task GetAsync_PastTrendAnHourOld_ShowsTheLastCountsWhileTheRecountRunsThenTheNewOnes()
    {
        await SeedTerritoryAsync();
        var todayStart = town.StartOfDayMs(new DateOnly(2025, 3, 15));
        await CaseAsync(1, "compound", "open", openedAt: todayStart - Hours(40));
        Assert.Equal(1, Past(await queries.GetAsync(TimeSpan.FromHours(24), 8)));

        // A case from three days ago is entered late: the past days move, but within the hour the screens keep the count.
        await CaseAsync(2, "compound", "open", openedAt: todayStart - Hours(70));
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(1, Past(await queries.GetAsync(TimeSpan.FromHours(24), 8)));

        // The hour is up: this read does not wait for the recount and shows the last counts; a later one has the new ones.
        clock.Advance(TimeSpan.FromMinutes(2));
        var stale = await queries.GetAsync(TimeSpan.FromHours(24), 8);
        Assert.Equal(1, Past(stale));
        Assert.Equal(2, stale.OpenCasesTrend[^1].Value); // today's point is the live count on every read
        var deadline = DateTime.UtcNow.AddSeconds(30);
        double past;
        while ((past = Past(await queries.GetAsync(TimeSpan.FromHours(24), 8))) != 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, past);

        static double Past(LiveScreenData data) => data.OpenCasesTrend.Single(d => d.Day == "2025-03-14").Value;
    }

    [Fact]
    public async Task GetAsync_Ticker_NewestFirstOnlyTickerKindsWithCommunityName()
    {
        await SeedTerritoryAsync();
        foreach (var kind in new[] { ChangeKinds.CaseOpened, ChangeKinds.UserChanged, ChangeKinds.CaseResolved, ChangeKinds.RatingPublished })
        {
            await temp.Db.WriteAsync((c, t) => ChangeLog.AppendAsync(c, t, Now, kind, "case", 1, kind == ChangeKinds.RatingPublished ? null : 1, kind));
        }

        var ticker = (await queries.GetAsync(TimeSpan.FromHours(24), 8)).Ticker;

        Assert.Equal([ChangeKinds.RatingPublished, ChangeKinds.CaseResolved, ChangeKinds.CaseOpened], ticker.Select(t => t.Kind));
        Assert.Equal([null, "金溪社区", "金溪社区"], ticker.Select(t => t.CommunityName));
    }

    public void Dispose() => temp.Dispose();

    private async Task SeedTerritoryAsync()
    {
        await ExecAsync(
            """
            INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'jx', '金溪社区', 'Jinxi', 1), (2, 'hn', '海南洲社区', 'Hainanzhou', 2);
            INSERT INTO compounds (id, community_id, name) VALUES (1, 1, '甲小区'), (2, 1, '乙小区'), (3, 2, '丙小区'), (4, 2, '丁小区');
            INSERT INTO party_orgs (kind, name, community_id, compound_id) VALUES ('compound_branch', '甲支部', 1, 1);
            """,
            null);
    }

    private Task<long> CaseAsync(long compoundId, string level, string status, long openedAt, long? dueAt = null,
        long? resolvedAt = null, long? closedAt = null, long? updatedAt = null) =>
        temp.Db.WriteAsync((c, t) => c.ExecuteScalarAsync<long>(
            """
            INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, level, status,
                               opened_at, level_entered_at, resolved_at, closed_at, due_at, updated_at)
            SELECT @code, community_id, id, 'other', 't', 'd', 'test', @level, @status, @openedAt, @openedAt, @resolvedAt, @closedAt, @dueAt, @updatedAt
            FROM compounds WHERE id = @compoundId
            RETURNING id
            """,
            new { code = Guid.NewGuid().ToString("N"), compoundId, level, status, openedAt, resolvedAt, closedAt, dueAt, updatedAt = updatedAt ?? Now },
            t));

    private Task<int> ActivityAsync(long compoundId, string day, double hours, int people) =>
        ExecAsync(
            "INSERT INTO volunteer_activities (compound_id, occurred_on, hours, people, kind, title, created_at) VALUES (@compoundId, @day, @hours, @people, 'service', 'x', 0)",
            new { compoundId, day, hours, people });

    private Task<int> ExecAsync(string sql, object? args) => temp.Db.WriteAsync((c, t) => c.ExecuteAsync(sql, args, t));
}
