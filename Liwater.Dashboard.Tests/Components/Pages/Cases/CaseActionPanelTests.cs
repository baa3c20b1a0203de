using Bunit;
using Dapper;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Data.Cases;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>The action panel: "today" is the town's day, and a form saves against the version it was opened on.</summary>
public sealed class CaseActionPanelTests : BunitTestBase, IAsyncLifetime
{
    // 19:54 UTC on 1 December is 03:54 on 2 December in Asia/Shanghai: the server's and UTC's "today" is still the 1st.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 19, 54, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly CaseCommands commands;

    public CaseActionPanelTests()
    {
        database = new TempDatabase(time);
        var clock = new TownClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        commands = new CaseCommands(database.Db, clock, new CaseOptions());
        Services.AddSingleton(clock);
        Services.AddSingleton(commands);
        Services.AddSingleton(new CaseQueries(database.Db));
        AddMudProviders();
    }

    public async ValueTask InitializeAsync() => await CaseTestData.SeedAsync(database.Db);

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task Consultation_At0354Shanghai_DefaultsToAndStoresTheTownsDay()
    {
        var row = await CreateAsync();
        var cut = Render<CaseActionPanel>(p => p.Add(c => c.Case, row).Add(c => c.Actor, CaseTestData.StaffA));

        cut.Find("[data-testid=action-Consultation]").Click();
        cut.Find("[data-testid=input-participants] input, input[data-testid=input-participants]").Change("物业、楼长");
        cut.Find("[data-testid=input-body] textarea, textarea[data-testid=input-body]").Input("同意先行加固");
        cut.Find("[data-testid=action-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("已保存", cut.Find("[data-testid=action-message]").TextContent, StringComparison.Ordinal));
        var data = await database.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT data FROM case_events WHERE kind = 'consultation'"));
        Assert.Contains("\"heldOn\":\"2026-12-02\"", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_CaseChangedUnderTheOpenForm_RefusedAsConflictAndNothingSaved()
    {
        var v1 = await CreateAsync();
        var cut = Render<CaseActionPanel>(p => p.Add(c => c.Case, v1).Add(c => c.Actor, CaseTestData.Town));
        cut.Find("[data-testid=action-Resolve]").Click();
        cut.Find("[data-testid=input-body] textarea, textarea[data-testid=input-body]").Input("已更换灯泡");

        // Another user escalates; the live refresh hands the panel version 2 while the 办结 form is open.
        var escalated = await commands.ApplyAsync(CaseTestData.StaffA, v1.Id, 1, new CaseAction { Kind = CaseActionKind.Escalate, Body = "物业无法解决" });
        var (v2, _) = await new CaseQueries(database.Db).GetAsync(CaseTestData.Town, v1.Id);
        cut.Render(p => p.Add(c => c.Case, v2!.Case));
        Assert.Contains("版本 1", cut.Find("[data-testid=action-message]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=action-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("已被他人修改", cut.Find("[data-testid=action-message]").TextContent, StringComparison.Ordinal));
        Assert.Contains("社区", cut.Find("[data-testid=action-changed]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2L, escalated.Version);
        Assert.Equal(("community", "open", 2L), await database.Db.ReadAsync(c => c.QuerySingleAsync<(string, string, long)>("SELECT level, status, version FROM cases")));
        Assert.Equal(0L, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_events WHERE kind = 'resolved'")));
    }

    [Fact]
    public async Task AssignPerson_StaffTakesTheCase_DefaultsToMeAndSavesThroughTheCommand()
    {
        var row = await CreateAsync();
        await database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO users (id, username, display_name, password_hash, role, community_id, is_active, created_at) VALUES (73, 'staff-a', '张社工', 'x', 'community_staff', 901, 1, 0)",
            transaction: t));
        var me = CaseTestData.StaffA with { Id = 73, DisplayName = "张社工", Version = 1 };
        var cut = Render<CaseActionPanel>(p => p.Add(c => c.Case, row).Add(c => c.Actor, me));

        cut.Find("[data-testid=action-AssignPerson]").Click();
        cut.WaitForAssertion(() => Assert.Contains("张社工", cut.Find("[data-testid=input-person]").OuterHtml, StringComparison.Ordinal));
        cut.Find("[data-testid=action-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("已保存", cut.Find("[data-testid=action-message]").TextContent, StringComparison.Ordinal));
        Assert.Equal((73L, 2L), await database.Db.ReadAsync(c => c.QuerySingleAsync<(long, long)>("SELECT assignee_id, version FROM cases")));
    }

    private async Task<CaseRow> CreateAsync()
    {
        var id = (await commands.CreateAsync(CaseTestData.StaffA, CaseTestData.Input())).CaseId!.Value;
        return (await new CaseQueries(database.Db).GetAsync(CaseTestData.Town, id)).Detail!.Case;
    }
}
