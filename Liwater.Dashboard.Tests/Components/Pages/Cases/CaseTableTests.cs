using Bunit;
using Dapper;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Data.Cases;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>
/// The case list's table on a database of 30 hand-made cases in community A (titles 案件01 … 案件30, opened a minute
/// apart in that order): sort by header, paging, page size, filter, live re-read, community confinement.
/// </summary>
public sealed class CaseTableTests : BunitTestBase, IAsyncLifetime
{
    private const int Cases = 30;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly ManualLiveFeed feed = new();
    private readonly TempDatabase database;
    private readonly CaseCommands commands;

    public CaseTableTests()
    {
        database = new TempDatabase(time);
        var clock = new TownClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        commands = new CaseCommands(database.Db, clock, new CaseOptions());
        Services.AddSingleton(clock);
        Services.AddSingleton<TimeProvider>(time);
        Services.AddSingleton(new CaseQueries(database.Db));
        Services.AddSingleton(new CaseOptions());
        Services.AddSingleton(new DeadlinePolicy(new DeadlineOptions()));
        Services.AddSingleton<ILiveFeed>(feed);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async ValueTask InitializeAsync()
    {
        await CaseTestData.SeedAsync(database.Db);
        for (var i = 1; i <= Cases; i++)
        {
            await commands.CreateAsync(CaseTestData.StaffA, CaseTestData.Input() with { Title = Title(i) });
            time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public void FirstPage_NewestFirst25Of30_PagerSaysSoAndOnlyForwardIsOpen()
    {
        var cut = RenderTable();

        cut.WaitForAssertion(() => Assert.Equal(25, Titles(cut).Count));
        Assert.Equal(Title(30), Titles(cut)[0]);
        Assert.Equal(Title(6), Titles(cut)[24]);
        Assert.Equal("1–25，共 30 件", cut.Find("[data-testid=page-info]").TextContent);
        Assert.Equal("descending", cut.Find("th:has([data-testid=sort-opened_at])").GetAttribute("aria-sort"));
        Assert.True(cut.Find("[data-testid=page-previous]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=page-next]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Next_ThenLast_TheFiveOldestThenBackToFirst()
    {
        var cut = RenderTable();
        cut.WaitForAssertion(() => Assert.Equal(25, Titles(cut).Count));

        await cut.Find("[data-testid=page-next]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal([Title(5), Title(4), Title(3), Title(2), Title(1)], Titles(cut)));
        Assert.Equal("26–30，共 30 件", cut.Find("[data-testid=page-info]").TextContent);
        Assert.True(cut.Find("[data-testid=page-last]").HasAttribute("disabled"));

        await cut.Find("[data-testid=page-first]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal(Title(30), Titles(cut)[0]));
    }

    [Fact]
    public async Task TitleHeader_FirstClickAscendingSecondDescending_FromTheFirstPage()
    {
        var cut = RenderTable();
        cut.WaitForAssertion(() => Assert.Equal(25, Titles(cut).Count));
        await cut.Find("[data-testid=page-next]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal(5, Titles(cut).Count));

        await cut.Find("[data-testid=sort-title]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal(Title(1), Titles(cut)[0]));
        Assert.Equal(25, Titles(cut).Count);
        Assert.Equal("ascending", cut.Find("th:has([data-testid=sort-title])").GetAttribute("aria-sort"));
        Assert.False(cut.Find("th:has([data-testid=sort-opened_at])").HasAttribute("aria-sort"));

        await cut.Find("[data-testid=sort-title]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal(Title(30), Titles(cut)[0]));
        Assert.Equal("descending", cut.Find("th:has([data-testid=sort-title])").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task PageSize50_AllThirtyOnOnePage()
    {
        var cut = RenderTable();
        cut.WaitForAssertion(() => Assert.Equal(25, Titles(cut).Count));

        await cut.Find("[data-testid=page-size]").ChangeAsync(new ChangeEventArgs { Value = "50" });

        cut.WaitForAssertion(() => Assert.Equal(Cases, Titles(cut).Count));
        Assert.Equal("1–30，共 30 件", cut.Find("[data-testid=page-info]").TextContent);
        Assert.True(cut.Find("[data-testid=page-next]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task NewFilter_StartsAgainAtTheFirstPage()
    {
        var cut = RenderTable();
        cut.WaitForAssertion(() => Assert.Equal(25, Titles(cut).Count));
        await cut.Find("[data-testid=page-next]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal(5, Titles(cut).Count));

        cut.Render(p => p.Add(c => c.Filter, new CaseFilter { Text = "案件1" }));

        // 案件10 … 案件19, newest first (案件01 does not contain 案件1).
        cut.WaitForAssertion(() => Assert.Equal([.. Enumerable.Range(10, 10).Reverse().Select(Title)], Titles(cut)));
        Assert.Equal("1–10，共 10 件", cut.Find("[data-testid=page-info]").TextContent);
    }

    [Fact]
    public async Task AnotherClerksSave_ReReadsThePageShown()
    {
        var cut = RenderTable();
        cut.WaitForAssertion(() => Assert.Equal(25, Titles(cut).Count));

        var id = (await commands.CreateAsync(CaseTestData.StaffA, CaseTestData.Input() with { Title = "新上报" })).CaseId!.Value;
        await feed.PublishAsync([new ChangeEntry { Id = 1, Kind = ChangeKinds.CaseOpened, Entity = "case", EntityId = id, CommunityId = CaseTestData.CommunityA }]);

        cut.WaitForAssertion(() => Assert.Equal("新上报", Titles(cut)[0]));
        Assert.Equal("1–25，共 31 件", cut.Find("[data-testid=page-info]").TextContent);
    }

    [Fact]
    public async Task LastPageEmptiedByAnotherSave_StepsBackToTheLastPageWithCases()
    {
        var cut = RenderTable(new CaseFilter { Status = CaseStatuses.Open });
        cut.WaitForAssertion(() => Assert.Equal(25, Titles(cut).Count));
        await cut.Find("[data-testid=page-next]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal(5, Titles(cut).Count));

        // The five oldest are closed elsewhere: the second page of open cases no longer exists.
        var oldest = Enumerable.Range(1, 5).Select(Title).ToArray();
        await database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            $"UPDATE cases SET status = 'closed' WHERE {database.Db.Dialect.InList("title", "@Titles")}", new { Titles = oldest }, t));
        await feed.PublishAsync([new ChangeEntry { Id = 2, Kind = ChangeKinds.CaseClosed, Entity = "case", CommunityId = CaseTestData.CommunityA }]);

        cut.WaitForAssertion(() => Assert.Equal("1–25，共 25 件", cut.Find("[data-testid=page-info]").TextContent));
        Assert.Equal(Title(30), Titles(cut)[0]);
    }

    [Fact]
    public async Task DeadlineChips_TickWithTheTable_OverdueAndBadgeOnceTheReplyMarkPasses()
    {
        // A property-service case opened now: its steward must reply within 5 minutes.
        await commands.CreateAsync(CaseTestData.StaffA, CaseTestData.Input(CaseOptions.PropertyService) with { Title = "物业报修" });
        var cut = RenderTable();
        cut.WaitForAssertion(() => Assert.Equal("物业报修", Titles(cut)[0]));
        var chip = cut.Find("tbody tr [data-testid=countdown]");
        Assert.Equal(("reply", "due"), (chip.GetAttribute("data-mark"), chip.GetAttribute("data-state")));
        Assert.Empty(cut.FindAll("tbody tr:first-child [data-testid=breach-badge]"));

        // The mark passes with no read and no watchdog: the table's second tick redraws the chip.
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("overdue", cut.Find("tbody tr [data-testid=countdown]").GetAttribute("data-state")));
        Assert.Contains("超期 0分01秒", cut.Find("tbody tr [data-testid=countdown]").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("tbody tr:first-child [data-testid=breach-badge]"));
    }

    [Fact]
    public void OtherCommunitysStaff_NoRowsAMessageAndNoCommunityColumn()
    {
        var cut = Render<CaseTable>(p => p.Add(c => c.Actor, CaseTestData.StaffB).Add(c => c.Filter, new CaseFilter()).Add(c => c.ShowCommunity, false));

        cut.WaitForAssertion(() => Assert.Equal("没有符合条件的案件。", cut.Find("[data-testid=case-grid-empty]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=sort-community]"));
        Assert.Equal("9", cut.Find("[data-testid=case-grid-empty]").GetAttribute("colspan"));
        Assert.Equal("0–0，共 0 件", cut.Find("[data-testid=page-info]").TextContent);
    }

    private static string Title(int i) => $"案件{i:00}";

    private static List<string> Titles(IRenderedComponent<CaseTable> cut) =>
        [.. cut.FindAll("[data-testid=case-link]").Select(a => a.TextContent)];

    private IRenderedComponent<CaseTable> RenderTable(CaseFilter? filter = null) =>
        Render<CaseTable>(p => p.Add(c => c.Actor, CaseTestData.Town).Add(c => c.Filter, filter ?? new CaseFilter()));
}
