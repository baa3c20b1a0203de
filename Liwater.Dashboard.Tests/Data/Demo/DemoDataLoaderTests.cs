using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Demo;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Data.Demo;

public sealed class DemoDataLoaderTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    private const string OwnBranch = "EXISTS (SELECT 1 FROM party_orgs p WHERE p.kind = 'compound_branch' AND p.compound_id = c.id)";

    private const string JointBranch =
        "EXISTS (SELECT 1 FROM party_org_compounds pc JOIN party_orgs p ON p.id = pc.party_org_id WHERE p.kind = 'joint_branch' AND pc.compound_id = c.id)";

    private const string Committee = "EXISTS (SELECT 1 FROM party_orgs p WHERE p.kind = 'community_committee' AND p.community_id = c.community_id)";

    private static readonly string[] Tables =
    [
        "communities", "compounds", "buildings", "households", "party_orgs", "party_org_compounds", "contact_groups",
        "contact_group_members", "household_contacts", "service_stations", "volunteer_teams", "volunteers",
        "volunteer_activities", "councils", "council_steps", "council_representatives", "council_meetings", "motions",
        "votes", "property_companies", "assessment_units", "assessment_scores", "cases", "case_events", "change_log",
    ];

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_LogsTheLoadAfterTheLastDaysCaseEvents()
    {
        Assert.True(demo.Loaded);
        TestContext.Current.SendDiagnosticMessage($"Demo dataset loaded in {demo.LoadTime.TotalMilliseconds:F0} ms");
        var now = DemoDatabaseFixture.Now.ToUnixTimeMilliseconds();
        Assert.Equal(1, await demo.CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = 'demo.loaded' AND at = @now AND id = (SELECT MAX(id) FROM change_log)", new { now }));
        var recentEvents = await demo.CountAsync(
            "SELECT COUNT(*) FROM case_events WHERE kind IN ('opened', 'escalated', 'resolved') AND at >= @since", new { since = now - 86_400_000L });
        Assert.True(recentEvents > 0);
        Assert.Equal(recentEvents, await demo.CountAsync("SELECT COUNT(*) FROM change_log WHERE entity = 'case'"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM change_log a JOIN change_log b ON b.id > a.id AND b.at < a.at"));
        foreach (var table in new[] { "users", "rating_results", "meetings", "meeting_items", "statistics_snapshots", "assessment_score_items" })
        {
            Assert.Equal(0, await demo.CountAsync($"SELECT COUNT(*) FROM {table}"));
        }
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_CreatesSixCommunitiesThreeOfThemPlaceholders()
    {
        Assert.Equal(6, await demo.CountAsync("SELECT COUNT(*) FROM communities"));
        Assert.Equal(3, await demo.CountAsync("SELECT COUNT(*) FROM communities WHERE is_assumption = 1 AND assumption_note IS NOT NULL AND name LIKE '%待定%'"));
        Assert.Equal(3, await demo.CountAsync("SELECT COUNT(*) FROM communities WHERE is_assumption = 0 AND name IN ('金溪社区', '金旗峰社区', '海南洲社区')"));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_Creates43CompoundsWithMarkedAssumptions()
    {
        Assert.Equal(43, await demo.CountAsync("SELECT COUNT(*) FROM compounds"));
        Assert.Equal(4, await demo.CountAsync("SELECT COUNT(*) FROM compounds WHERE is_assumption = 1 AND name LIKE '%名称待定%'"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM compounds WHERE latitude IS NOT NULL OR longitude IS NOT NULL"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM compounds WHERE is_assumption = 1 AND assumption_note IS NULL"));
        Assert.Equal(1, await demo.CountAsync("SELECT COUNT(*) FROM compounds WHERE name = '糖果悦园' AND assumption_note LIKE '%悦园小区%'"));
        Assert.Equal(2, await demo.CountAsync(
            """
            SELECT COUNT(*) FROM compounds c JOIN communities m ON m.id = c.community_id
            WHERE c.is_assumption = 0 AND ((c.name = '中恒海晖' AND m.name = '金溪社区') OR (c.name = '糖果雅苑' AND m.name = '海南洲社区'))
            """));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM compounds c WHERE NOT EXISTS (SELECT 1 FROM buildings b WHERE b.compound_id = c.id)"));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_HouseholdsAndResidentsMatchTownSize()
    {
        Assert.InRange(await demo.CountAsync("SELECT COUNT(*) FROM households"), 68_000, 72_000);
        Assert.True(await demo.CountAsync("SELECT SUM(residents) FROM households") >= 200_000);
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM households WHERE residents NOT BETWEEN 1 AND 6"));
        Assert.Equal(0, await demo.CountAsync(
            "SELECT COUNT(*) FROM (SELECT compound_id FROM buildings GROUP BY compound_id HAVING COUNT(*) NOT BETWEEN 6 AND 30) AS x"));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_PartyGridReproducesSourceFigures()
    {
        Assert.Equal(6, await demo.CountAsync("SELECT COUNT(*) FROM party_orgs WHERE kind = 'community_committee'"));
        Assert.Equal(34, await demo.CountAsync("SELECT COUNT(*) FROM party_orgs WHERE kind = 'compound_branch'"));
        Assert.Equal(34, await demo.CountAsync(
            "SELECT COUNT(*) FROM party_orgs p JOIN party_org_compounds pc ON pc.party_org_id = p.id AND pc.compound_id = p.compound_id WHERE p.kind = 'compound_branch'"));
        Assert.Equal(2, await demo.CountAsync("SELECT COUNT(*) FROM party_orgs WHERE kind = 'joint_branch' AND compound_id IS NULL"));
        Assert.Equal(6, await demo.CountAsync($"SELECT COUNT(*) FROM compounds c WHERE {JointBranch}"));
        Assert.Equal(43, await demo.CountAsync($"SELECT COUNT(*) FROM compounds c WHERE {OwnBranch} OR {JointBranch} OR {Committee}"));
        Assert.Equal(15, await demo.CountAsync(
            $"""
            SELECT COUNT(*) FROM compounds c
            WHERE {Committee} AND ({OwnBranch} OR {JointBranch})
              AND EXISTS (SELECT 1 FROM buildings b WHERE b.compound_id = c.id)
              AND NOT EXISTS (
                  SELECT 1 FROM buildings b WHERE b.compound_id = c.id AND NOT EXISTS (
                      SELECT 1 FROM contact_groups g JOIN contact_group_members m ON m.group_id = g.id WHERE g.building_id = b.id))
            """));
        Assert.Equal(7_367, await demo.CountAsync("SELECT COUNT(DISTINCT household_id) FROM household_contacts"));
        Assert.True(await demo.CountAsync("SELECT COUNT(*) FROM household_contacts") > 7_367);
        Assert.Equal(0, await demo.CountAsync(
            "SELECT COUNT(*) FROM household_contacts hc JOIN households h ON h.id = hc.household_id JOIN contact_groups g ON g.id = hc.group_id WHERE g.building_id <> h.building_id"));
        Assert.Equal(9, await demo.CountAsync("SELECT COUNT(DISTINCT compound_id) FROM service_stations"));
        Assert.Equal(9, await demo.CountAsync("SELECT COUNT(*) FROM service_stations"));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_VolunteerTeamsAndActivitiesMatchSource()
    {
        var teams = await demo.QueryAsync<KindCount>("SELECT kind, COUNT(*) AS count FROM volunteer_teams GROUP BY kind ORDER BY kind");
        Assert.Equal([new("building", 18), new("building_deliberation", 7), new("party_mass_service", 25)], teams);
        Assert.Equal(0, await demo.CountAsync(
            "SELECT COUNT(*) FROM volunteer_teams t WHERE (SELECT COUNT(*) FROM volunteers v WHERE v.team_id = t.id) NOT BETWEEN 5 AND 15"));
        Assert.Equal(7, await demo.CountAsync(
            "SELECT COUNT(*) FROM volunteer_teams t JOIN councils c ON c.compound_id = t.compound_id WHERE t.kind = 'building_deliberation'"));
        Assert.InRange(await demo.CountAsync("SELECT COUNT(*) FROM volunteer_activities"), 6_000, 10_000);
        Assert.Equal(43, await demo.CountAsync("SELECT COUNT(DISTINCT compound_id) FROM volunteer_activities"));
        Assert.True(await demo.CountAsync("SELECT COUNT(*) FROM volunteer_activities WHERE occurred_on = '2026-03-16'") > 0);
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM volunteer_activities WHERE occurred_on > '2026-03-16'"));
        Assert.InRange(await demo.CountAsync(
            """
            SELECT COUNT(*) FROM volunteer_activities a JOIN compounds c ON c.id = a.compound_id JOIN communities m ON m.id = c.community_id
            WHERE m.code = 'JQF' AND a.kind = 'practical_thing' AND a.occurred_on BETWEEN '2021-01-01' AND '2021-12-31'
            """), 70, 79);
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_CouncilsInSevenPilotsWithConsistentResults()
    {
        Assert.Equal(7, await demo.CountAsync("SELECT COUNT(*) FROM councils"));
        Assert.Equal(4, await demo.CountAsync("SELECT COUNT(*) FROM (SELECT council_id FROM council_steps GROUP BY council_id HAVING COUNT(*) = 5) AS x"));
        Assert.Equal(3, await demo.CountAsync("SELECT COUNT(*) FROM (SELECT council_id FROM council_steps GROUP BY council_id HAVING COUNT(*) = 4 AND MAX(step) = 4) AS x"));
        Assert.Equal(0, await demo.CountAsync(
            "SELECT COUNT(*) FROM council_steps a JOIN council_steps b ON b.council_id = a.council_id AND b.step = a.step + 1 WHERE b.completed_on <= a.completed_on OR a.completed_on NOT LIKE '2021-%'"));
        Assert.Equal(0, await demo.CountAsync(
            "SELECT COUNT(*) FROM councils c WHERE (SELECT COUNT(*) FROM council_representatives r WHERE r.council_id = c.id) NOT BETWEEN 9 AND 15"));
        Assert.Equal(0, await demo.CountAsync(
            "SELECT COUNT(*) FROM council_representatives r JOIN councils c ON c.id = r.council_id JOIN buildings b ON b.id = r.building_id WHERE b.compound_id <> c.compound_id"));
        Assert.Equal(14, await demo.CountAsync("SELECT COUNT(*) FROM council_meetings"));
        Assert.InRange(await demo.CountAsync("SELECT COUNT(*) FROM motions WHERE status = 'open' AND result IS NULL"), 1, 2);
        Assert.Equal(1, await demo.CountAsync(
            "SELECT COUNT(*) FROM motions m JOIN cases k ON k.id = m.case_id WHERE k.consultation_rounds = 12 AND k.title = '外墙瓷砖脱落'"));

        var motions = await demo.QueryAsync<MotionTally>(
            """
            SELECT m.result,
                   (SELECT COUNT(*) FROM council_representatives r WHERE r.council_id = cm.council_id AND r.is_active = 1) AS active,
                   (SELECT COUNT(*) FROM votes v WHERE v.motion_id = m.id) AS cast,
                   (SELECT COUNT(*) FROM votes v WHERE v.motion_id = m.id AND v.choice = 'for') AS in_favour
            FROM motions m JOIN council_meetings cm ON cm.id = m.council_meeting_id
            WHERE m.status = 'closed'
            """);
        Assert.NotEmpty(motions);
        foreach (var motion in motions)
        {
            var expected = motion.Cast * 2 <= motion.Active ? "no_quorum" : motion.InFavour * 2 > motion.Cast ? "passed" : "rejected";
            Assert.Equal(expected, motion.Result);
        }

        Assert.Contains(motions, m => m.Result == "passed");
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_AssessmentGivesPublishedStarSplit()
    {
        Assert.Equal(39, await demo.CountAsync("SELECT COUNT(*) FROM assessment_units"));
        Assert.Equal(39, await demo.CountAsync("SELECT COUNT(*) FROM assessment_scores WHERE year = 2021 AND quarter = 0 AND is_assumption = 1"));
        Assert.Equal(156, await demo.CountAsync("SELECT COUNT(*) FROM assessment_scores WHERE year = 2021 AND quarter BETWEEN 1 AND 4 AND is_assumption = 1"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM rating_results"));

        var scores = await demo.QueryAsync<double>(
            "SELECT s.total FROM assessment_scores s JOIN assessment_units u ON u.id = s.unit_id WHERE s.quarter = 0 ORDER BY u.published_seq");
        Assert.All(scores.Zip(scores.Skip(1)), pair => Assert.True(pair.First > pair.Second));
        var fiveStar = scores.Take(9).Count(s => s >= 80);
        var fourStar = scores.Skip(fiveStar).Count(s => s >= 75);
        var threeStar = scores.Count(s => s is >= 65 and < 75);
        var noStar = scores.Count(s => s is >= 60 and < 65);
        Assert.Equal((9, 16, 10, 4), (fiveStar, fourStar, threeStar, noStar));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_CasesCoverEveryStatusAndLevel()
    {
        var total = await demo.CountAsync("SELECT COUNT(*) FROM cases");
        Assert.InRange(total, 240, 260);
        foreach (var status in new[] { "open", "in_progress", "resolved", "closed", "cancelled" })
        {
            Assert.True(await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE status = @status", new { status }) > 0, status);
        }

        foreach (var level in new[] { "compound", "community", "town" })
        {
            Assert.True(await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE level = @level AND status = 'open'", new { level }) > 0, level);
            Assert.True(await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE level = @level AND status = 'in_progress'", new { level }) > 0, level);
        }

        Assert.True(await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE level = 'town' AND status IN ('open', 'in_progress')") >= 5);
        Assert.True(await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE level = 'community' AND status IN ('open', 'in_progress')") >= 10);
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM cases k JOIN compounds c ON c.id = k.compound_id WHERE k.community_id <> c.community_id"));
        Assert.Equal(43, await demo.CountAsync("SELECT COUNT(DISTINCT compound_id) FROM cases"));

        Assert.Equal(1, await demo.CountAsync(
            """
            SELECT COUNT(*) FROM cases k JOIN compounds c ON c.id = k.compound_id
            WHERE c.name = '糖果雅苑' AND k.is_assumption = 0 AND k.category = 'building_safety' AND k.consultation_rounds = 12
              AND k.status = 'closed' AND (SELECT COUNT(*) FROM case_events e WHERE e.case_id = k.id AND e.kind = 'consultation') = 12
            """));
        Assert.Equal(1, await demo.CountAsync(
            """
            SELECT COUNT(*) FROM cases k
            WHERE k.is_assumption = 0 AND k.category = 'environment_sanitation' AND k.assigned_unit_kind = 'paired_branch'
              AND k.paired_unit = '里水镇退役军人服务中心党支部' AND k.status = 'closed'
              AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.kind = 'pairing')
            """));
        Assert.Equal(total - 2, await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE is_assumption = 1"));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_CaseColumnsAgreeWithTimelinesAndDeadlines()
    {
        var now = DemoDatabaseFixture.Now.ToUnixTimeMilliseconds();
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE status IN ('resolved', 'closed', 'cancelled') AND due_at IS NOT NULL"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress') AND due_at IS NULL"));
        Assert.InRange(await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress') AND due_at < @now", new { now }), 8, 15);
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM case_events WHERE at > @now", new { now }));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM cases k WHERE k.updated_at <> (SELECT MAX(at) FROM case_events e WHERE e.case_id = k.id)"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM cases k WHERE k.consultation_rounds <> (SELECT COUNT(*) FROM case_events e WHERE e.case_id = k.id AND e.kind = 'consultation')"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE status = 'closed' AND (closed_at IS NULL OR resolved_at IS NULL)"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM cases k WHERE k.status = 'cancelled' AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.kind = 'cancelled')"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE opened_at < @from AND is_assumption = 1", new { from = now - (60L * 86_400_000) }));
        Assert.Equal(0, await demo.CountAsync(
            """
            SELECT COUNT(*) FROM cases
            WHERE category = 'property_service' AND status IN ('open', 'in_progress')
              AND due_at <> opened_at + CASE WHEN replied_at IS NULL THEN 300000 WHEN action_at IS NULL THEN 600000 ELSE 900000 END
            """));
        Assert.Equal(0, await demo.CountAsync(
            """
            SELECT COUNT(*) FROM cases
            WHERE category <> 'property_service' AND status IN ('open', 'in_progress')
              AND due_at <> level_entered_at + CASE level WHEN 'compound' THEN 3 WHEN 'community' THEN 7 ELSE 15 END * 86400000
            """));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM (SELECT code FROM cases GROUP BY code HAVING COUNT(*) > 1) AS x"));
        Assert.Equal(0, await demo.CountAsync("SELECT COUNT(*) FROM cases WHERE code NOT LIKE 'LS-____-____'"));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_SecondCall_ReturnsFalseAndChangesNothing()
    {
        var before = await CountAllAsync(demo.Database);

        Assert.False(await DemoDataLoader.LoadIfEmptyAsync(demo.Database.Db, TestContext.Current.CancellationToken));

        Assert.Equal(before, await CountAllAsync(demo.Database));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_SameSeedAndClock_ProducesIdenticalRows()
    {
        using var first = new TempDatabase(new FakeTimeProvider(DemoDatabaseFixture.Now));
        using var second = new TempDatabase(new FakeTimeProvider(DemoDatabaseFixture.Now));
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await DemoDataLoader.LoadIfEmptyAsync(first.Db, ct));
        Assert.True(await DemoDataLoader.LoadIfEmptyAsync(second.Db, ct));

        // group_concat is SQLite's name for PostgreSQL's string_agg.
        var concat = TestDatabases.IsPostgreSql ? "string_agg" : "group_concat";
        var households = $"SELECT {concat}(id || ':' || building_id || ':' || unit_no || ':' || residents, ',') FROM (SELECT * FROM households ORDER BY id) AS x";
        var scores = $"SELECT {concat}(unit_id || ':' || quarter || ':' || total, ',') FROM (SELECT * FROM assessment_scores ORDER BY id) AS x";
        var cases = $"SELECT {concat}(code || ':' || status || ':' || level || ':' || opened_at, ',') FROM (SELECT * FROM cases ORDER BY id) AS x";
        foreach (var sql in new[] { households, scores, cases })
        {
            var a = await first.Db.ReadAsync(c => c.ExecuteScalarAsync<string>(sql), ct);
            var b = await second.Db.ReadAsync(c => c.ExecuteScalarAsync<string>(sql), ct);
            Assert.False(string.IsNullOrEmpty(a));
            Assert.Equal(a, b);
        }

        Assert.Equal(await CountAllAsync(first), await CountAllAsync(second));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_EmptyDatabase_AggregatesEqualTheRecountAndTriggersKeepThemAfter()
    {
        // On PostgreSQL the load runs with the aggregate triggers off and counts the aggregates once at the end
        // (AggregateTriggers); on SQLite the triggers count each row.
        using var database = new TempDatabase(new FakeTimeProvider(DemoDatabaseFixture.Now));
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await DemoDataLoader.LoadIfEmptyAsync(database.Db, ct));
        var check = new AggregateCheck(database.Db);
        Assert.Empty(await check.CheckAsync(ct));

        // The triggers are on again: a household of 3 written after the load moves its compound's row by 1 and 3.
        const string Territory = "SELECT households AS Households, residents AS Residents FROM agg_compound_territory WHERE compound_id = @compound";
        var (building, compound) = await database.Db.ReadAsync(c => c.QuerySingleAsync<(long, long)>("SELECT id, compound_id FROM buildings ORDER BY id LIMIT 1"), ct);
        var before = await database.Db.ReadAsync(c => c.QuerySingleAsync<(long Households, long Residents)>(Territory, new { compound }), ct);
        Assert.True(before.Households > 0);
        await database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO households (id, building_id, unit_no, residents) VALUES ((SELECT MAX(id) + 1 FROM households), @building, 'T-101', 3)",
            new { building }, t), ct);
        var after = await database.Db.ReadAsync(c => c.QuerySingleAsync<(long Households, long Residents)>(Territory, new { compound }), ct);
        Assert.Equal((before.Households + 1, before.Residents + 3), after);
        Assert.Empty(await check.CheckAsync(ct));
    }

    [Fact]
    public async Task LoadIfEmptyAsync_DatabaseWithCommunity_LeavesItUntouched()
    {
        using var database = new TempDatabase(new FakeTimeProvider(DemoDatabaseFixture.Now));
        await database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'X', '已有社区', 'Existing', 1)", transaction: t), TestContext.Current.CancellationToken);
        var before = await CountAllAsync(database);

        Assert.False(await DemoDataLoader.LoadIfEmptyAsync(database.Db, TestContext.Current.CancellationToken));

        Assert.Equal(before, await CountAllAsync(database));
        Assert.Equal("已有社区", await database.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT name FROM communities"), TestContext.Current.CancellationToken));
    }

    private static async Task<string> CountAllAsync(TempDatabase database)
    {
        var counts = new List<string>();
        foreach (var table in Tables)
        {
            counts.Add($"{table}={await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"))}");
        }

        return string.Join(", ", counts);
    }

    public sealed record KindCount(string Kind, long Count);

    public sealed record MotionTally(string Result, long Active, long Cast, long InFavour);
}
