using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Ratings;
using Liwater.Data.Statistics;
using Liwater.Data.Territory;

namespace Liwater.Dashboard.Tests.Data.Statistics;

/// <summary>The figures Lishui published for December 2021, each computed from the demo rows.</summary>
public sealed class TownFiguresTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private Task<GovernanceFigures> TownAsync() => new StatisticsQueries(demo.Db, new RatingOptions()).GetFiguresAsync(StatisticsScope.Town);

    [Fact]
    public async Task GetFigures_Town_Has34CompoundBranches() => Assert.Equal(34, (await TownAsync()).Grid.CompoundBranches);

    [Fact]
    public async Task GetFigures_Town_Has9ServiceStations() => Assert.Equal(9, (await TownAsync()).Grid.ServiceStations);

    [Fact]
    public async Task GetFigures_Town_StandaloneRateIs7907Percent()
    {
        var figures = await TownAsync();
        Assert.Equal(43, figures.Grid.Compounds);
        Assert.Equal("79.07%", FigureFormat.Percent(figures.StandaloneRate));
    }

    [Fact]
    public async Task GetFigures_Town_CoverageIs100Percent() => Assert.Equal("100.00%", FigureFormat.Percent((await TownAsync()).CoverageRate));

    [Fact]
    public async Task GetFigures_Town_Has15CompleteGrids() => Assert.Equal(15, (await TownAsync()).Grid.CompleteGrids);

    [Fact]
    public async Task GetFigures_Town_Contacted7367Households()
    {
        var figures = await TownAsync();
        Assert.Equal(7367, figures.Grid.HouseholdsContacted);
        Assert.Equal("7,367", FigureFormat.Count(figures.Grid.HouseholdsContacted));
    }

    [Fact]
    public async Task GetFigures_Town_Has25And18And7Teams()
    {
        var teams = (await TownAsync()).Teams;
        Assert.Equal((25, 18, 7), (teams.PartyMassService, teams.Building, teams.BuildingDeliberation));
    }

    [Fact]
    public async Task GetFigures_Town_StarsAre9And16And10And4In2021()
    {
        var figures = await TownAsync();
        Assert.Equal(2021, figures.RatingYear);
        Assert.Equal(new StarDistribution(9, 16, 10, 4), figures.Stars);
    }

    [Fact]
    public async Task GetFigures_Town_HasMoreThan200000ResidentsInAbout70000Households()
    {
        var grid = (await TownAsync()).Grid;
        Assert.InRange(grid.Households, 68_000, 72_000);
        Assert.True(grid.Residents >= 200_000, $"residents {grid.Residents}");
    }

    [Fact]
    public async Task GetFigures_Town_OpenCasesAtEveryLevelMatchStatuses()
    {
        var figures = await TownAsync();
        Assert.True(figures.OpenCases.Compound > 0 && figures.OpenCases.Community > 0 && figures.OpenCases.Town > 0);
        Assert.Equal(figures.CaseStatuses.Open + figures.CaseStatuses.InProgress, figures.OpenCases.Total);
        Assert.True(figures.CaseStatuses.Resolved + figures.CaseStatuses.Closed + figures.CaseStatuses.Cancelled > 0);
    }

    [Fact]
    public async Task GetFigures_Communities_AddUpToTheTown()
    {
        var statistics = new StatisticsQueries(demo.Db, new RatingOptions());
        var town = await statistics.GetFiguresAsync(StatisticsScope.Town);
        var communities = await new TerritoryQueries(demo.Db).ListCommunitiesAsync();
        Assert.Equal(6, communities.Count);
        var parts = new List<GovernanceFigures>();
        foreach (var community in communities)
        {
            parts.Add(await statistics.GetFiguresAsync(StatisticsScope.Community(community.Id)));
        }

        Assert.Equal(town.Grid.Compounds, parts.Sum(p => p.Grid.Compounds));
        Assert.Equal(town.Grid.CompoundBranches, parts.Sum(p => p.Grid.CompoundBranches));
        Assert.Equal(town.Grid.CompleteGrids, parts.Sum(p => p.Grid.CompleteGrids));
        Assert.Equal(town.Grid.HouseholdsContacted, parts.Sum(p => p.Grid.HouseholdsContacted));
        Assert.Equal(town.Stars.Total, parts.Sum(p => p.Stars.Total));
        Assert.Equal(town.OpenCases.Total, parts.Sum(p => p.OpenCases.Total));
    }

    [Fact]
    public async Task ListCompounds_Demo_Lists43CompoundsWithGridStatusMatchingFigures()
    {
        var compounds = await new TerritoryQueries(demo.Db).ListCompoundsAsync();
        Assert.Equal(43, compounds.Count);
        Assert.Equal(34, compounds.Count(c => c.Grid == GridStatus.OwnBranch));
        Assert.Equal(15, compounds.Count(c => c.CompleteGrid));
        Assert.Equal(4, compounds.Count(c => c.IsAssumption && c.Name.Contains("待定", StringComparison.Ordinal)));
    }
}
