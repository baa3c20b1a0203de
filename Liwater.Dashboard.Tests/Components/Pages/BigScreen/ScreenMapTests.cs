using Bunit;
using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Liwater.Data.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

public sealed class ScreenMapTests(DemoDatabase demo) : BunitTestBase, IClassFixture<DemoDatabase>
{
    private static readonly CommunityRef[] TwoCommunities = [new() { Id = 1, Name = "金溪社区" }, new() { Id = 2, Name = "海南洲社区" }];

    [Theory]
    [InlineData(MapLayer.PartyGrid, MapPalette.OwnBranch, MapPalette.JointBranch, MapPalette.CommunityOnly)]
    [InlineData(MapLayer.OpenCases, MapPalette.CasesOverdue, MapPalette.CasesDueSoon, MapPalette.Empty)]
    [InlineData(MapLayer.VolunteerHours, "#4fc3f7", "#1b5e7a", MapPalette.Empty)]
    public void Render_EachLayer_ColoursTilesByTheirData(MapLayer layer, string first, string second, string third)
    {
        var map = RenderMap(layer, SampleCompounds());

        Assert.Equal([first, second, third], map.FindAll("g.compound").Select(g => g.GetAttribute("data-fill")));
        Assert.Equal(layer.ToString(), map.Find("svg").GetAttribute("data-layer"));
    }

    [Theory]
    [InlineData(MapLayer.PartyGrid)]
    [InlineData(MapLayer.OpenCases)]
    [InlineData(MapLayer.VolunteerHours)]
    public void Render_CompoundWithOverdueCase_KeepsItsRedFrameInEveryLayer(MapLayer layer)
    {
        var map = RenderMap(layer, SampleCompounds());

        Assert.Equal("1", Assert.Single(map.FindAll("g.compound.overdue")).GetAttribute("data-compound"));
        // The frame is drawn on the pulsing layer over the map, in the map's view box (ScreenMap.razor).
        var frame = Assert.Single(map.FindAll(".overdue-frame"));
        Assert.Equal("1", frame.GetAttribute("data-compound"));
        Assert.Equal(MapPalette.OverdueOutline, frame.GetAttribute("stroke"));
        Assert.Contains("overdue-layer", frame.ParentElement!.ClassList);
        Assert.Equal(map.Find("svg.screen-map").GetAttribute("viewBox"), frame.ParentElement!.GetAttribute("viewBox"));
    }

    [Fact]
    public void Render_GeoJsonMapWithAnOverdueCompound_CircleOnThePulsingLayerAtItsPoint()
    {
        var geo = new GeoMap([new GeoOutline("M0 0 L100 0 L100 100 Z", "金溪社区", 50, 50)], [new GeoPoint(null, 1, 120.5, 80), new GeoPoint(null, 2, 300, 200)]);

        var map = Render<ScreenMap>(p => p.Add(m => m.Communities, TwoCommunities).Add(m => m.Compounds, SampleCompounds()).Add(m => m.Geo, geo));

        var frame = Assert.Single(map.FindAll("svg.overdue-layer .overdue-frame"));
        Assert.Equal(("1", "120.5", "80"), (frame.GetAttribute("data-compound"), frame.GetAttribute("cx"), frame.GetAttribute("cy")));
        Assert.Empty(map.FindAll("svg.screen-map .overdue-frame"));
        Assert.Equal(2, map.FindAll("svg.screen-map g.compound").Count);
    }

    [Fact]
    public void Render_PartyGridLayer_StarsOnlyCompleteGrids()
    {
        var map = RenderMap(MapLayer.PartyGrid, SampleCompounds());

        Assert.Equal(["1"], map.FindAll("g.compound").Where(g => g.QuerySelector(".tile-star") is not null).Select(g => g.GetAttribute("data-compound")));
        Assert.Contains("自建支部", map.Find("g.compound[data-compound='1']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TwoScreensOnOneSnapshot_ShareOneMarkupPerLayerWithoutTheOverdueFrames()
    {
        var compounds = SampleCompounds();
        var first = RenderMap(MapLayer.OpenCases, compounds);
        var second = RenderMap(MapLayer.OpenCases, compounds);

        // Every circuit on the snapshot renders the same markup objects (decision 0176), one set per layer.
        var text = Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<ScreenText>>();
        var shared = SchematicMarkup.For(TwoCommunities, compounds, MapLayer.OpenCases, text);
        Assert.Same(shared, SchematicMarkup.For(TwoCommunities, compounds, MapLayer.OpenCases, text));
        Assert.NotSame(shared, SchematicMarkup.For(TwoCommunities, compounds, MapLayer.PartyGrid, text));
        Assert.Equal(first.Find("svg").OuterHtml, second.Find("svg").OuterHtml);

        // The overdue frames are drawn on the pulsing layer, not in the tiles' markup.
        Assert.All(shared.Communities, c => Assert.DoesNotContain("overdue-frame", c.Markup.Value, StringComparison.Ordinal));
        Assert.Equal("2 件", first.Find("g.compound[data-compound='1'] .tile-value").TextContent);
    }

    [Fact]
    public async Task Arrange_DemoTerritory_SixBlocksWith43TilesInsideAndApart()
    {
        var data = await DemoDataAsync();

        var blocks = SchematicLayout.Arrange(data.Communities, data.Compounds);
        var tiles = blocks.SelectMany(b => b.Tiles).ToList();

        Assert.Equal(6, blocks.Count);
        Assert.Equal(43, tiles.Count);
        Assert.All(blocks, b => Assert.All(b.Tiles, t => Assert.True(b.Block.Contains(t.Box), $"{t.Compound.Name} leaves {b.Community.Name}")));
        Assert.All(blocks, b => Assert.True(new Box(0, 0, SchematicLayout.Width, SchematicLayout.Height).Contains(b.Block)));
        for (var i = 0; i < tiles.Count; i++)
        {
            for (var j = i + 1; j < tiles.Count; j++)
            {
                Assert.False(tiles[i].Box.Overlaps(tiles[j].Box), $"{tiles[i].Compound.Name} overlaps {tiles[j].Compound.Name}");
            }
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            for (var j = i + 1; j < blocks.Count; j++)
            {
                Assert.False(blocks[i].Block.Overlaps(blocks[j].Block));
            }
        }

        // Legible from five metres: no compound name below 12 SVG units on a map drawn ~1000 px wide.
        Assert.All(tiles, t => Assert.InRange(t.FontSize, 12, 26));
    }

    [Fact]
    public async Task Render_DemoTerritory_DrawsEveryCommunityAndCompoundWithItsName()
    {
        var data = await DemoDataAsync();

        var map = Render<ScreenMap>(p => p.Add(m => m.Communities, data.Communities).Add(m => m.Compounds, data.Compounds));

        Assert.Equal(6, map.FindAll("g.community").Count);
        Assert.Equal(43, map.FindAll("g.compound").Count);
        Assert.Equal(data.Communities.Select(c => c.Name), map.FindAll(".community-name").Select(t => t.TextContent));
        Assert.Contains("中恒海晖", map.FindAll(".tile-name").Select(t => t.TextContent));
        Assert.Contains("示意图", map.Find(".map-note").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7367, 12.25, "7,367", "12.3")]
    [InlineData(0, 0, "0", "0")]
    [InlineData(1234567, 1500, "1,234,567", "1,500")]
    public void Render_Counter_ShowsFormattedValueUnitAndDetail(long count, double hours, string countText, string hoursText)
    {
        var counter = Render<ScreenCounter>(p => p
            .Add(c => c.Key, "open-cases").Add(c => c.Label, "未办结诉求").Add(c => c.Value, FigureFormat.Count(count))
            .Add(c => c.Unit, "件").Add(c => c.Detail, "小区 1 · 社区 2 · 镇 3"));
        var hoursCounter = Render<ScreenCounter>(p => p
            .Add(c => c.Key, "hours").Add(c => c.Label, "本月志愿服务").Add(c => c.Value, FigureFormat.Hours(hours)).Add(c => c.Unit, "小时"));

        Assert.Equal(countText, counter.Find("[data-value]").TextContent);
        Assert.Equal("件", counter.Find(".counter-value small").TextContent);
        Assert.Equal("小区 1 · 社区 2 · 镇 3", counter.Find(".counter-detail").TextContent);
        Assert.Equal(hoursText, hoursCounter.Find("[data-value]").TextContent);
        Assert.Empty(hoursCounter.FindAll(".counter-detail"));
    }

    [Fact]
    public void Render_AlertCounter_IsMarkedForRed()
    {
        var counter = Render<ScreenCounter>(p => p.Add(c => c.Key, "breaches").Add(c => c.Label, "今日超期").Add(c => c.Value, "2").Add(c => c.Alert, true));

        Assert.Contains("alert", counter.Find(".counter").ClassList);
    }

    private IRenderedComponent<ScreenMap> RenderMap(MapLayer layer, IReadOnlyList<CompoundLayerData> compounds) =>
        Render<ScreenMap>(p => p.Add(m => m.Communities, TwoCommunities).Add(m => m.Compounds, compounds).Add(m => m.Layer, layer));

    // 1: own branch, complete grid, an overdue case, most hours; 2: joint branch, due soon, few hours; 3: nothing.
    private static CompoundLayerData[] SampleCompounds() =>
    [
        new() { Id = 1, CommunityId = 1, Name = "中恒海晖花园", HasOwnBranch = true, CompleteGrid = true, OpenCases = 2, OverdueCases = 1, DueSoonCases = 1, VolunteerHoursMonth = 100 },
        new() { Id = 2, CommunityId = 1, Name = "金沙里", HasJointBranch = true, OpenCases = 1, DueSoonCases = 1, VolunteerHoursMonth = 10 },
        new() { Id = 3, CommunityId = 2, Name = "糖果雅苑" },
    ];

    private Task<LiveScreenData> DemoDataAsync() =>
        new LiveCounterQueries(demo.Db, new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")))
            .GetAsync(TimeSpan.FromHours(24), 8);
}
