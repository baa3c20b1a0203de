using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Statistics;

namespace Liwater.Dashboard.Tests.Data.Statistics;

/// <summary>
/// The aggregates of migration 0022 (decision 0160) stay equal to a recount from the rows through any mix of writes,
/// and the check finds and repairs a difference.
/// </summary>
public sealed class AggregateCheckTests : IDisposable
{
    private static readonly string[] Levels = ["compound", "community", "town"];
    private static readonly string[] Statuses = ["open", "in_progress", "resolved", "closed", "cancelled"];

    private readonly TempDatabase temp = new();
    private readonly AggregateCheck check;

    public AggregateCheckTests() => check = new AggregateCheck(temp.Db);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task CheckAsync_RandomWritesOfEveryKind_AggregatesEqualTheRecount()
    {
        await SeedAsync();
        var random = new Random(20261202);
        // Checked after every write: a later write that recounts the same compound would hide a stale row. The writes
        // must really move every aggregate (the test would pass vacuously on empty tables otherwise): what each one
        // held at its fullest is kept.
        string[] moved = ["agg_case_counts", "agg_activity_days", "agg_activity_months", "agg_compound_territory", "compound_grid"];
        var fullest = new long[moved.Length + 2];
        for (var i = 0; i < 320; i++)
        {
            var write = await RandomWriteAsync(random);
            Assert.True((await check.CheckAsync()).Count == 0, $"write {i}: {write}");
            var now = await temp.Db.ReadAsync(async c =>
            {
                var counts = new List<long>();
                foreach (var table in moved)
                {
                    counts.Add(await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
                }

                counts.Add(await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(households_contacted), 0) FROM agg_compound_territory"));
                counts.Add(await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(complete_grid), 0) FROM compound_grid"));
                return counts;
            });
            fullest = [.. fullest.Zip(now, Math.Max)];
        }

        Assert.All(fullest, (count, i) => Assert.True(count > 0, i < moved.Length ? moved[i] : "contacted households / complete compounds"));
    }

    [Fact]
    public async Task Triggers_GridWrites_KeepEachCompoundsGridRow()
    {
        // Compound 1 (buildings 9011 with an empty contact group, 9012 without one) and compound 2 (building 9021) in
        // community 1, which has a committee; compound 3 in community 2, which has none.
        await SeedAsync();
        Assert.Equal([(1, 0, 0, 1, 0), (2, 0, 0, 1, 0), (3, 0, 0, 0, 0)], await GridAsync());

        // A joint branch linked to compounds 1 and 2, and an own branch for compound 3.
        await ExecAsync(
            """
            INSERT INTO party_orgs (id, kind, name, community_id) VALUES (2, 'joint_branch', '联合支部', 1);
            INSERT INTO party_org_compounds (party_org_id, compound_id) VALUES (2, 1), (2, 2);
            INSERT INTO party_orgs (id, kind, name, community_id, compound_id) VALUES (3, 'compound_branch', '丙小区支部', 2, 3);
            """);
        Assert.Equal([(1, 0, 1, 1, 0), (2, 0, 1, 1, 0), (3, 1, 0, 0, 0)], await GridAsync());

        // Every building of compound 1 gets a group with a member: compound 1 is complete.
        await ExecAsync(
            """
            INSERT INTO contact_group_members (id, group_id, name, role) VALUES (1, 1, '楼长', 'building_leader');
            INSERT INTO contact_groups (id, party_org_id, building_id, name) VALUES (2, 2, 9012, '2栋党小组');
            INSERT INTO contact_group_members (id, group_id, name, role) VALUES (2, 2, '志愿者', 'volunteer');
            """);
        Assert.Equal([(1, 0, 1, 1, 1), (2, 0, 1, 1, 0), (3, 1, 0, 0, 0)], await GridAsync());

        // Building 9012 moves to compound 2 (which still has 9021 without a group); compound 1 stays complete.
        await ExecAsync("UPDATE buildings SET compound_id = 2 WHERE id = 9012");
        Assert.Equal([(1, 0, 1, 1, 1), (2, 0, 1, 1, 0), (3, 1, 0, 0, 0)], await GridAsync());

        // The last member of 9011's group leaves; then the joint branch drops compound 1 and a new compound arrives.
        await ExecAsync("DELETE FROM contact_group_members WHERE id = 1");
        Assert.Equal([(1, 0, 1, 1, 0), (2, 0, 1, 1, 0), (3, 1, 0, 0, 0)], await GridAsync());
        await ExecAsync(
            """
            DELETE FROM party_org_compounds WHERE party_org_id = 2 AND compound_id = 1;
            INSERT INTO compounds (id, community_id, name) VALUES (4, 2, '丁小区');
            """);
        Assert.Equal([(1, 0, 0, 1, 0), (2, 0, 1, 1, 0), (3, 1, 0, 0, 0), (4, 0, 0, 0, 0)], await GridAsync());
        Assert.Empty(await check.CheckAsync());
    }

    [Fact]
    public async Task CheckAndRepairAsync_MissingGridRow_IsFoundAndPutBack()
    {
        await SeedAsync();
        await ExecAsync("DELETE FROM compound_grid WHERE compound_id = 3");

        var found = await check.CheckAndRepairAsync();

        Assert.Equal(["compound_grid 3/2"], found.Select(d => $"{d.Table} {d.Key}"));
        Assert.Equal([(1, 0, 0, 1, 0), (2, 0, 0, 1, 0), (3, 0, 0, 0, 0)], await GridAsync());
    }

    [Fact]
    public async Task Triggers_HandBuiltRows_KeepEachAggregateRow()
    {
        await SeedAsync();
        await ExecAsync(
            """
            INSERT INTO volunteer_activities (compound_id, occurred_on, hours, people, kind, title, created_at) VALUES
                (1, '2025-03-15', 2, 5, 'service', 'x', 0), (2, '2025-03-15', 1.5, 2, 'service', 'x', 0), (1, '2025-03-01', 3, 4, 'service', 'x', 0);
            INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, level, status, opened_at, level_entered_at, updated_at)
            VALUES ('a', 1, 1, 'other', 't', 'd', 'test', 'town', 'open', 0, 0, 0), ('b', 1, 1, 'other', 't', 'd', 'test', 'town', 'open', 0, 0, 0);
            UPDATE cases SET status = 'resolved' WHERE code = 'b';
            DELETE FROM volunteer_activities WHERE occurred_on = '2025-03-01';
            """);

        await using var connection = await temp.Db.OpenAsync();
        Assert.Equal((13.0, 2L), await connection.QuerySingleAsync<(double, long)>("SELECT hours, activities FROM agg_activity_days WHERE day = '2025-03-15'"));
        Assert.Equal(10.0, await connection.ExecuteScalarAsync<double>("SELECT hours FROM agg_activity_months WHERE month = '2025-03' AND compound_id = 1"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM agg_activity_days WHERE day = '2025-03-01'"));
        // Case counts are read as sums (on PostgreSQL a key may hold several delta rows, decision 0125).
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT SUM(cases) FROM agg_case_counts WHERE status = 'open' AND compound_id = 1 AND level = 'town'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT SUM(cases) FROM agg_case_counts WHERE status = 'resolved' AND compound_id = 1 AND level = 'town'"));
        // Seed: compound 1 has buildings 9011 and 9012 with 2 and 1 households (3 + 4 + 5 residents), one contacted twice.
        Assert.Equal((2L, 3L, 12L, 1L), await connection.QuerySingleAsync<(long, long, long, long)>(
            "SELECT buildings, households, residents, households_contacted FROM agg_compound_territory WHERE compound_id = 1"));
    }

    [Fact]
    public async Task CheckAndRepairAsync_AggregateOffByHand_ReportsAndRepairsIt()
    {
        await SeedAsync();
        await ExecAsync(
            """
            INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, level, status, opened_at, level_entered_at, updated_at)
            VALUES ('a', 1, 2, 'other', 't', 'd', 'test', 'compound', 'open', 0, 0, 0);
            UPDATE agg_case_counts SET cases = 7 WHERE compound_id = 2;
            DELETE FROM agg_compound_territory WHERE compound_id = 1;
            """);

        var found = await check.CheckAndRepairAsync();

        Assert.Contains(found, d => d.Table == "agg_case_counts" && d.Key == "open/2/compound/1" && d.Stored.StartsWith("7 ", StringComparison.Ordinal) && d.Counted.StartsWith("1 ", StringComparison.Ordinal));
        Assert.Contains(found, d => d.Table == "agg_compound_territory" && d.Key == "1");
        Assert.Empty(await check.CheckAsync());
        await using var connection = await temp.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT SUM(cases) FROM agg_case_counts WHERE compound_id = 2"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log WHERE kind = 'statistics.updated' AND entity = 'aggregates'"));
    }

    private async Task SeedAsync() =>
        await ExecAsync(
            """
            INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'jx', '金溪社区', 'Jinxi', 1), (2, 'hn', '海南洲社区', 'Hainanzhou', 2);
            INSERT INTO compounds (id, community_id, name) VALUES (1, 1, '甲小区'), (2, 1, '乙小区'), (3, 2, '丙小区');
            INSERT INTO party_orgs (id, kind, name, community_id) VALUES (1, 'community_committee', '金溪社区党委', 1);
            INSERT INTO buildings (id, compound_id, name) VALUES (9011, 1, '甲1栋'), (9012, 1, '甲2栋'), (9021, 2, '乙1栋');
            INSERT INTO households (id, building_id, unit_no, residents) VALUES (90111, 9011, 'a', 3), (90112, 9011, 'b', 4), (90121, 9012, 'c', 5);
            INSERT INTO contact_groups (id, party_org_id, building_id, name) VALUES (1, 1, 9011, '1栋党小组');
            INSERT INTO household_contacts (id, household_id, group_id, contacted_on) VALUES (9001, 90111, 1, '2025-01-01'), (9002, 90111, 1, '2025-02-01');
            """);

    /// <summary>One write picked at random: insert, move or delete a case, an activity, a building, a household, a contact
    /// or a part of the Party grid; returns which.</summary>
    private async Task<string> RandomWriteAsync(Random random)
    {
        var compound = random.Next(1, 4);
        var community = compound == 3 ? 2 : 1;
        await using var connection = await temp.Db.OpenAsync();
        long Pick(string sql) => connection.Query<long>(sql).OrderBy(_ => random.Next()).FirstOrDefault();
        var day = $"2025-{random.Next(1, 4):00}-{random.Next(1, 29):00}";
        var kind = random.Next(19);
        switch (kind)
        {
            case 0 or 1 or 2:
                await ExecAsync(
                    """
                    INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, level, status, opened_at, level_entered_at, updated_at)
                    VALUES (@code, @community, @compound, 'other', 't', 'd', 'test', @level, @status, 0, 0, 0)
                    """,
                    new { code = Guid.NewGuid().ToString("N"), community, compound, level = Levels[random.Next(3)], status = Statuses[random.Next(5)] });
                break;
            case 3:
                await ExecAsync("UPDATE cases SET status = @status, level = @level WHERE id = @id",
                    new { id = Pick("SELECT id FROM cases"), level = Levels[random.Next(3)], status = Statuses[random.Next(5)] });
                break;
            case 4:
                await ExecAsync("UPDATE cases SET compound_id = @compound, community_id = @community WHERE id = @id", new { id = Pick("SELECT id FROM cases"), compound, community });
                break;
            case 5:
                await ExecAsync("DELETE FROM cases WHERE id = @id", new { id = Pick("SELECT id FROM cases") });
                break;
            case 6 or 7:
                await ExecAsync(
                    "INSERT INTO volunteer_activities (compound_id, occurred_on, hours, people, kind, title, created_at) VALUES (@compound, @day, @hours, @people, 'service', 'x', 0)",
                    new { compound, day, hours = Math.Round(0.01 + (random.NextDouble() * 23.9), 2), people = random.Next(1, 30) });
                break;
            case 8:
                await ExecAsync("UPDATE volunteer_activities SET occurred_on = @day, compound_id = @compound, hours = @hours, people = @people WHERE id = @id",
                    new { id = Pick("SELECT id FROM volunteer_activities"), day, compound, hours = Math.Round(0.1 + (random.NextDouble() * 10), 1), people = random.Next(1, 9) });
                break;
            case 9:
                await ExecAsync("DELETE FROM volunteer_activities WHERE id = @id", new { id = Pick("SELECT id FROM volunteer_activities") });
                break;
            case 10:
                await ExecAsync("INSERT INTO buildings (compound_id, name) VALUES (@compound, @name)", new { compound, name = Guid.NewGuid().ToString("N") });
                break;
            case 11:
                await ExecAsync("INSERT INTO households (building_id, unit_no, residents) VALUES (@building, @unit, @residents)",
                    new { building = Pick("SELECT id FROM buildings"), unit = Guid.NewGuid().ToString("N"), residents = random.Next(0, 7) });
                await ExecAsync("UPDATE households SET residents = @residents, building_id = @building WHERE id = @id",
                    new { id = Pick("SELECT id FROM households"), building = Pick("SELECT id FROM buildings"), residents = random.Next(0, 7) });
                break;
            case 12:
                await ExecAsync("INSERT INTO household_contacts (household_id, group_id, contacted_on) VALUES (@household, 1, @day)", new { household = Pick("SELECT id FROM households"), day });
                await ExecAsync("UPDATE household_contacts SET household_id = @household WHERE id = @id",
                    new { id = Pick("SELECT id FROM household_contacts"), household = Pick("SELECT id FROM households") });
                break;
            case 14:
                // A compound's own branch, or a joint branch in its community: the grid's flags move.
                await ExecAsync(
                    """
                    INSERT INTO party_orgs (id, kind, name, community_id, compound_id)
                    VALUES ((SELECT MAX(id) + 1 FROM party_orgs), @kind, 'x', @community, @branchOf) ON CONFLICT DO NOTHING
                    """,
                    random.Next(2) == 0 ? new { kind = "compound_branch", community, branchOf = (long?)compound } : new { kind = "joint_branch", community, branchOf = (long?)null });
                break;
            case 15:
                await ExecAsync("INSERT INTO party_org_compounds (party_org_id, compound_id) VALUES (@org, @compound) ON CONFLICT DO NOTHING",
                    new { org = Pick("SELECT id FROM party_orgs"), compound });
                break;
            case 16:
                await ExecAsync("DELETE FROM party_org_compounds WHERE party_org_id = @org", new { org = Pick("SELECT party_org_id FROM party_org_compounds") });
                break;
            case 17:
                // A contact group for a building that has none, with a member.
                var building = Pick("SELECT id FROM buildings b WHERE NOT EXISTS (SELECT 1 FROM contact_groups g WHERE g.building_id = b.id)");
                if (building != 0)
                {
                    await ExecAsync("INSERT INTO contact_groups (id, party_org_id, building_id, name) VALUES ((SELECT MAX(id) + 1 FROM contact_groups), 1, @building, 'g')", new { building });
                    await ExecAsync("INSERT INTO contact_group_members (group_id, name, role) SELECT id, 'm', 'volunteer' FROM contact_groups WHERE building_id = @building", new { building });
                }

                break;
            case 18 when random.Next(2) == 0:
                await ExecAsync("DELETE FROM contact_group_members WHERE id = @id", new { id = Pick("SELECT id FROM contact_group_members") });
                break;
            case 18:
                await ExecAsync("UPDATE contact_group_members SET group_id = @group WHERE id = @id",
                    new { id = Pick("SELECT id FROM contact_group_members"), group = Pick("SELECT id FROM contact_groups") });
                break;
            default:
                await ExecAsync("DELETE FROM household_contacts WHERE id = @id", new { id = Pick("SELECT id FROM household_contacts") });
                await ExecAsync("UPDATE buildings SET compound_id = @compound WHERE id = @id", new { id = Pick("SELECT id FROM buildings"), compound });
                break;
        }

        return $"kind {kind} in compound {compound}";
    }

    private async Task<(long Compound, long Own, long Joint, long Covered, long Complete)[]> GridAsync() =>
        (await temp.Db.ReadAsync(c => c.QueryAsync<(long, long, long, long, long)>(
            "SELECT compound_id, has_own_branch, has_joint_branch, covered, complete_grid FROM compound_grid ORDER BY compound_id"))).ToArray();

    private Task<int> ExecAsync(string sql, object? args = null) => temp.Db.WriteAsync((c, t) => c.ExecuteAsync(sql, args, t));
}
