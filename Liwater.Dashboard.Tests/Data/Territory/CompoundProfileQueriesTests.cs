using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Territory;

namespace Liwater.Dashboard.Tests.Data.Territory;

public sealed class CompoundProfileQueriesTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private CompoundProfileQueries Queries => new(demo.Db, new TerritoryQueries(demo.Db), new TownClock(TimeProvider.System, TimeZoneInfo.Utc), new RatingOptions());

    private async Task<long> IdOfAsync(string name)
    {
        await using var connection = await demo.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM compounds WHERE name = @name", new { name });
    }

    [Fact]
    public async Task GetAsync_TangguoYayuan_HasItsBranchCouncilAndUnplacedYearEndRank()
    {
        var profile = await Queries.GetAsync(await IdOfAsync("糖果雅苑"));

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
        var profile = await Queries.GetAsync(await IdOfAsync("金沙里"));
        var place = Assert.Single(profile!.YearEndPlaces);
        Assert.Equal((1, 5, RatingList.Red), (place.Rank, place.Stars, place.List));
    }

    [Fact]
    public async Task GetAsync_PlaceholderCompound_HasNoUnitAndJointBranchOnly()
    {
        await using var connection = await demo.Db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("SELECT MIN(id) FROM compounds WHERE name LIKE '待定小区%'");
        var profile = await Queries.GetAsync(id);

        Assert.Empty(profile!.Scores);
        Assert.Empty(profile.YearEndPlaces);
        Assert.DoesNotContain(profile.PartyOrgs, o => o.Kind == "compound_branch");
        Assert.True(profile.Compound.IsAssumption);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull() => Assert.Null(await Queries.GetAsync(999_999));
}
