using Bunit;
using Liwater.Dashboard.Components.Pages.Overview;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Ratings;
using Liwater.Data.Statistics;
using Liwater.Data.Territory;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.Overview;

public sealed class OverviewTests : BunitTestBase, IClassFixture<DemoDatabase>
{
    public OverviewTests(DemoDatabase demo)
    {
        Services.AddSingleton(new StatisticsQueries(demo.Db, new RatingOptions()));
        Services.AddSingleton(new TerritoryQueries(demo.Db));
        Services.AddLivePages(demo.Db);
    }

    [Theory]
    [InlineData("branches", "34")]
    [InlineData("stations", "9")]
    [InlineData("standalone", "79.07%")]
    [InlineData("coverage", "100.00%")]
    [InlineData("grids", "15")]
    [InlineData("contacted", "7,367")]
    [InlineData("teams", "50")]
    [InlineData("stars", "39")]
    public void Render_DemoData_ShowsTheTownFigure(string key, string expected)
    {
        var page = Render<Liwater.Dashboard.Components.Pages.Overview.Overview>();
        page.WaitForAssertion(() => Assert.Equal(expected, page.Find($"[data-figure='{key}'] .figure-value").TextContent.Trim()));
    }

    [Fact]
    public void Render_DemoData_ShowsStarAndTeamBreakdownsInChinese()
    {
        var page = Render<Liwater.Dashboard.Components.Pages.Overview.Overview>();
        page.WaitForAssertion(() =>
        {
            Assert.Contains("五星 9 · 四星 16 · 三星 10 · 未评星 4", page.Find("[data-figure='stars']").TextContent, StringComparison.Ordinal);
            Assert.Contains("党群志愿服务队 25 · 楼栋队伍 18 · 楼栋议事代表队伍 7", page.Find("[data-figure='teams']").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void CompoundTable_DemoData_GroupsFortyThreeCompoundsUnderSixCommunities()
    {
        var page = Render<Liwater.Dashboard.Components.Pages.Overview.Overview>();
        page.WaitForAssertion(() =>
        {
            var table = page.Find("[data-testid='compound-table']");
            var compoundLinks = table.QuerySelectorAll("tbody a[href^='/compounds/']").Length;
            Assert.Equal(43, compoundLinks);
            Assert.Equal(6, table.QuerySelectorAll("tbody tr.mud-table-row").Length - compoundLinks);
        });
    }
}

public sealed class FigureFormatTests
{
    [Theory]
    [InlineData(7367, "7,367")]
    [InlineData(0, "0")]
    [InlineData(2000000, "2,000,000")]
    public void Count_GroupsThousands(long value, string expected) => Assert.Equal(expected, FigureFormat.Count(value));

    [Theory]
    [InlineData(34, 43, "79.07%")]
    [InlineData(43, 43, "100.00%")]
    [InlineData(0, 43, "0.00%")]
    public void Percent_TwoDecimals(long part, long whole, string expected) => Assert.Equal(expected, FigureFormat.Percent((double)part / whole));

    [Fact]
    public void Hours_OneDecimalAtMost() => Assert.Equal(("12.3", "1,200"), (FigureFormat.Hours(12.25), FigureFormat.Hours(1200)));
}

public sealed class OverviewEnglishTests : BunitTestBase, IClassFixture<DemoDatabase>
{
    public OverviewEnglishTests(DemoDatabase demo)
    {
        Services.AddSingleton(new StatisticsQueries(demo.Db, new RatingOptions()));
        Services.AddSingleton(new TerritoryQueries(demo.Db));
        Services.AddLivePages(demo.Db);
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
    }

    [Fact]
    public void Render_EnglishCulture_ShowsEnglishLabelsWithTheSameFigures()
    {
        var page = Render<Liwater.Dashboard.Components.Pages.Overview.Overview>();
        page.WaitForAssertion(() =>
        {
            var card = page.Find("[data-figure='standalone']");
            Assert.Contains("Standalone-establishment rate", card.TextContent, StringComparison.Ordinal);
            Assert.Contains("79.07%", card.TextContent, StringComparison.Ordinal);
            Assert.Contains("Compounds by community", page.Markup, StringComparison.Ordinal);
        });
    }
}
