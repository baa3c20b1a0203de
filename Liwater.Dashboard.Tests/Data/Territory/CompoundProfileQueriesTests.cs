using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Territory;

namespace Liwater.Dashboard.Tests.Data.Territory;

public sealed class CompoundProfileQueriesTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private CompoundProfileQueries Queries => new(demo.Db, new TerritoryQueries(demo.Db), new TownClock(TimeProvider.System, TimeZoneInfo.Utc), new RatingOptions());

    private static ActingUser Town => new() { Id = 1, Username = "town", DisplayName = "town", Role = Roles.TownOffice };

    private async Task<long> IdOfAsync(string name)
    {
        await using var connection = await demo.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM compounds WHERE name = @name", new { name });
    }

    [Fact]
    public async Task GetAsync_TangguoYayuan_HasItsBranchCouncilAndUnplacedYearEndRank()
    {
        var profile = await Queries.GetAsync(Town, await IdOfAsync("糖果雅苑"));

        Assert.NotNull(profile);
        Assert.Equal("海南洲社区", profile.Compound.CommunityName);
        Assert.Contains(profile.PartyOrgs, o => o.Kind == "compound_branch");
        Assert.Contains(profile.PartyOrgs, o => o.Kind == "community_committee");
        Assert.True(profile.Compound.CompleteGrid);
        Assert.Equal(profile.ContactGrid.Buildings, profile.ContactGrid.BuildingsWithGroup);
        Assert.NotNull(profile.Council);
        Assert.Equal([1L, 2, 3, 4, 5], profile.CouncilSteps.Select(s => s.Step));
        var place = Assert.Single(profile.YearEndPlaces);
        Assert.Equal((2021L, 37, 0, 39), (place.Year, place.Rank, place.Stars, place.UnitsRanked));
        Assert.Equal(5, profile.Scores.Count);
        Assert.All(profile.OpenCases, c => Assert.Contains(c.Status, new[] { "open", "in_progress" }));
    }

    [Fact]
    public async Task GetAsync_JinShaLi_IsFirstOnTheRedList()
    {
        var profile = await Queries.GetAsync(Town, await IdOfAsync("金沙里"));
        var place = Assert.Single(profile!.YearEndPlaces);
        Assert.Equal((1, 5, RatingList.Red), (place.Rank, place.Stars, place.List));
    }

    [Fact]
    public async Task GetAsync_PlaceholderCompound_HasNoUnitAndJointBranchOnly()
    {
        await using var connection = await demo.Db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("SELECT MIN(id) FROM compounds WHERE name LIKE '待定小区%'");
        var profile = await Queries.GetAsync(Town, id);

        Assert.Empty(profile!.Scores);
        Assert.Empty(profile.YearEndPlaces);
        Assert.DoesNotContain(profile.PartyOrgs, o => o.Kind == "compound_branch");
        Assert.True(profile.Compound.IsAssumption);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull() => Assert.Null(await Queries.GetAsync(Town, 999_999));

    [Fact]
    public async Task GetAsync_StaffOfAnotherCommunity_GetsTheCountButNoCaseCodesOrTitles()
    {
        await using var connection = await demo.Db.OpenAsync();
        var (compound, community) = await connection.QueryFirstAsync<(long, long)>(
            "SELECT compound_id, community_id FROM cases WHERE status IN ('open', 'in_progress') GROUP BY compound_id, community_id ORDER BY COUNT(*) DESC, compound_id LIMIT 1");
        var open = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM cases WHERE compound_id = @compound AND status IN ('open', 'in_progress')", new { compound });
        var other = await connection.ExecuteScalarAsync<long>("SELECT MIN(id) FROM communities WHERE id <> @community", new { community });
        ActingUser Staff(long of) => new() { Id = 2, Username = "staff", DisplayName = "staff", Role = Roles.CommunityStaff, CommunityId = of };

        var outsider = await Queries.GetAsync(Staff(other), compound);
        var insider = await Queries.GetAsync(Staff(community), compound);

        Assert.True(open > 0);
        Assert.Equal((open, true), (outsider!.OpenCaseCount, outsider.CasesHidden));
        Assert.Empty(outsider.OpenCases);
        Assert.Equal((open, false, open), (insider!.OpenCaseCount, insider.CasesHidden, insider.OpenCases.Count));
    }
}
