using Bunit;
using Liwater.Dashboard.Components.Pages.Compounds;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Territory;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.Compounds;

public sealed class CompoundProfilePageTests : BunitTestBase, IClassFixture<DemoDatabase>
{
    public CompoundProfilePageTests(DemoDatabase demo)
    {
        var clock = new TownClock(TimeProvider.System, TimeZoneInfo.Utc);
        Services.AddSingleton(clock);
        Services.AddSingleton(new CompoundProfileQueries(demo.Db, new TerritoryQueries(demo.Db), clock, new RatingOptions()));
        Services.AddSingleton<Liwater.Dashboard.Live.ILiveFeed>(new ManualLiveFeed());
        Services.AddSingleton(new Liwater.Data.Statistics.SnapshotQueries(demo.Db, clock));
    }

    [Fact]
    public void Render_Jinshali_ShowsFiveStarsRedListAndFiveSteps()
    {
        var page = Render<CompoundProfilePage>(p => p.Add(x => x.Id, 4));
        page.WaitForAssertion(() =>
        {
            Assert.Equal("金沙里", page.Find("[data-testid='compound-name']").TextContent.Trim());
            var place = page.Find("[data-testid='year-end-place']").TextContent;
            Assert.Contains("第 1 名", place, StringComparison.Ordinal);
            Assert.Contains("5 星", place, StringComparison.Ordinal);
            Assert.Contains("红榜", place, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Render_UnknownId_SaysSoInChinese()
    {
        var page = Render<CompoundProfilePage>(p => p.Add(x => x.Id, 424242));
        page.WaitForAssertion(() => Assert.Contains("没有编号为 424242 的小区", page.Markup, StringComparison.Ordinal));
    }
}
