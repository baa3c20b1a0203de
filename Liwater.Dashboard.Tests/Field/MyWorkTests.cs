using System.Security.Claims;
using Bunit;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Field;
using Liwater.Dashboard.Tests.Data.Cases;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Field;

/// <summary>「我的待办」 in bUnit: the scope toggles, the "mine" marking, and an assignment arriving on the live feed.</summary>
public sealed class MyWorkTests : BunitTestBase, IAsyncLifetime
{
    private const long Me = 73;
    private readonly TempDatabase database = new();
    private readonly ManualLiveFeed feed = new();
    private readonly CaseCommands commands;

    public MyWorkTests()
    {
        var clock = new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        commands = new CaseCommands(database.Db, clock, new CaseOptions());
        Services.AddSingleton(clock);
        Services.AddSingleton(new CaseQueries(database.Db));
        Services.AddSingleton(commands.Deadlines);
        Services.AddSingleton(new FieldOptions());
        Services.AddSingleton<Liwater.Dashboard.Live.ILiveFeed>(feed);
        var user = CurrentUser.ToPrincipal(new UserRow { Id = Me, Username = "staff-a", DisplayName = "张社工", Role = Roles.CommunityStaff, CommunityId = CaseTestData.CommunityA, Version = 1 }, "test");
        AddAuthorization().SetAuthorized("staff-a").SetClaims([.. user.Claims.Where(c => c.Type != ClaimTypes.Name)]);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public async ValueTask InitializeAsync()
    {
        await CaseTestData.SeedAsync(database.Db);
        await database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO users (id, username, display_name, password_hash, role, community_id, is_active, created_at) VALUES (73, 'staff-a', '张社工', 'x', 'community_staff', 901, 1, 0), (74, 'staff-a2', '钱社工', 'x', 'community_staff', 901, 1, 0)",
            transaction: t));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task Render_ScopesAndLiveAssignment_MineShowsTheNewlyAssignedCase()
    {
        var mine = await CreateAsync("我的案件", assignee: Me);
        var colleague = await CreateAsync("同事的案件", assignee: 74);
        var open = await CreateAsync("未指派案件", assignee: null);
        await CreateAsync("乙社区案件", assignee: null, compoundId: CaseTestData.CompoundB);

        var page = Render<MyWork>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=work-card]").Count));
        Assert.Equal("1", page.Find("[data-testid=scope-mine-count]").TextContent);
        Assert.Equal("3", page.Find("[data-testid=scope-area-count]").TextContent);
        Assert.Contains("本社区", page.Find("[data-testid=scope-area]").TextContent, StringComparison.Ordinal);
        Assert.Equal("钱社工", page.Find($"[data-case='{colleague}'] [data-testid=work-assignee]").TextContent.Split('：')[1]);

        // The scope re-reads the queue from the database, which can finish after the click returns.
        page.Find("[data-testid=scope-mine]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=work-card]")));
        var card = Assert.Single(page.FindAll("[data-testid=work-card]"));
        Assert.Equal((mine.ToString(System.Globalization.CultureInfo.InvariantCulture), "true"), (card.GetAttribute("data-case"), card.GetAttribute("data-mine")));
        Assert.NotEmpty(card.QuerySelectorAll("[data-testid=countdown-mark]"));

        // Someone else assigns the unassigned case to me: the change log entry reaches the page, which re-reads.
        Assert.True((await commands.ApplyAsync(CaseTestData.Town, open, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = Me })).Succeeded);
        await feed.PublishAsync([new ChangeEntry { Id = 99, Kind = ChangeKinds.CaseUpdated, Entity = "case", EntityId = open, CommunityId = CaseTestData.CommunityA }], threadCulture: "zh-CN");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=work-card]").Count));
        Assert.Equal("2", page.Find("[data-testid=scope-mine-count]").TextContent);
    }

    private async Task<long> CreateAsync(string title, long? assignee, long compoundId = CaseTestData.CompoundA)
    {
        var input = CaseTestData.Input(compoundId: compoundId, buildingId: null) with { Title = title };
        var id = (await commands.CreateAsync(CaseTestData.Town, input)).CaseId!.Value;
        if (assignee is { } person)
        {
            Assert.True((await commands.ApplyAsync(CaseTestData.Town, id, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = person })).Succeeded);
        }

        return id;
    }
}
