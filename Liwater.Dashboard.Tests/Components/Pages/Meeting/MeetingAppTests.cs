using System.Net;
using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.Meeting;

/// <summary>The joint meeting on the real app: minutes over HTTP, and a chair's decision reaching another browser live.</summary>
[Collection(AppCollection.Name)]
public sealed class MeetingAppTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>, IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    private MeetingCommands Commands => fixture.App.Services.GetRequiredService<MeetingCommands>();

    private MeetingQueries Queries => fixture.App.Services.GetRequiredService<MeetingQueries>();

    private DateOnly Today => fixture.App.Services.GetRequiredService<TownClock>().Today;

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task MinutesPage_ClosedMeeting_ListsAttendeesAndEveryDecision()
    {
        await CloseSittingAsync();
        var caseId = await fixture.NewCaseAsync(CaseLevels.Town);
        var opened = await Commands.OpenAsync(fixture.Town, new NewMeeting { HeldOn = Today, Chair = "李镇长", Attendees = "城治办、住建办、金溪社区" });
        var id = opened.MeetingId!.Value;
        var version = (await fixture.Db.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT version FROM cases WHERE id = @caseId", new { caseId })));
        var decided = await Commands.DecideAsync(fixture.Town, id, new MeetingDecision
        {
            CaseId = caseId, ExpectedCaseVersion = version, Kind = DecisionKind.Assign, Assignee = "镇公用事业办", DueOn = Today.AddDays(10), Text = "十日内修复路灯",
        });
        Assert.True(decided.Succeeded, decided.Error?.ToString());
        Assert.True((await Commands.CloseAsync(fixture.Town, id, 1)).Succeeded);
        using var viewer = await fixture.SignInAsync("t-viewer");

        // Static rendering writes Chinese as character references.
        var html = WebUtility.HtmlDecode(await viewer.Client.GetStringAsync($"/meeting/{id}/minutes"));

        foreach (var expected in new[] { "里水镇联席会议纪要", "李镇长", "城治办、住建办、金溪社区", "交办镇职能部门/单位", "镇公用事业办", TownClock.Iso(Today.AddDays(10)), "十日内修复路灯", "未作决定" })
        {
            Assert.Contains(expected, html, StringComparison.Ordinal);
        }

        Assert.Matches("href=\"[^\"]*minutes[^\"]*\\.css\"", html);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };
        using var refused = await anonymous.GetAsync($"/meeting/{id}/minutes");
        Assert.Contains("/login", refused.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task ChairRecordsDecision_SecondBrowserOnCasePage_SeesTimelineEntryWithoutReload()
    {
        await CloseSittingAsync();
        var caseId = await fixture.NewCaseAsync(CaseLevels.Town);
        var chair = await SignInAsync("chair", "demo-chair");
        await chair.GotoAsync(fixture.App.BaseAddress + "meeting");
        await BlazorPage.WaitForInteractiveAsync(chair);
        await chair.Locator("[data-testid=field-attendees] textarea, textarea[data-testid=field-attendees]").FillAsync("城治办、住建办、城管办、金溪社区、海南洲社区");
        await chair.ClickAsync("[data-testid=meeting-open]");
        await Assertions.Expect(chair.Locator("[data-testid=meeting-header]")).ToBeVisibleAsync();

        var watcher = await SignInAsync("viewer", "demo-viewer");
        await watcher.GotoAsync(fixture.App.BaseAddress + $"cases/{caseId}");
        await BlazorPage.WaitForInteractiveAsync(watcher);
        await Assertions.Expect(watcher.Locator("[data-testid=case-timeline]")).Not.ToContainTextAsync("联席会议交办");

        await chair.ClickAsync($"[data-agenda-key=c{caseId}]");
        await chair.ClickAsync("[data-testid=kind-assign]");
        await chair.Locator("[data-testid=field-assignee] input, input[data-testid=field-assignee]").FillAsync("镇公用事业办");
        var due = chair.Locator("[data-testid=field-due-on] input, input[data-testid=field-due-on]").First;
        await due.FillAsync(TownClock.Iso(Today.AddDays(7)));
        await due.PressAsync("Tab");
        await chair.Locator("[data-testid=field-decision-text] textarea, textarea[data-testid=field-decision-text]").FillAsync("一周内完成路灯线路检修，报城治办销号。");
        await chair.ClickAsync("[data-testid=decision-save]");
        await Assertions.Expect(chair.Locator("[data-testid=meeting-message]")).ToContainTextAsync("决定已记录");

        await Assertions.Expect(watcher.Locator("[data-testid=case-timeline]")).ToContainTextAsync("联席会议交办");
        await Assertions.Expect(watcher.Locator("[data-testid=case-timeline]")).ToContainTextAsync("镇公用事业办");
        await chair.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("meeting"), FullPage = true });

        var screen = await browser.NewPageAsync(1920, 1080);
        await screen.GotoAsync(fixture.App.BaseAddress + "screen?key=demo-screen-key");
        await Assertions.Expect(screen.Locator("[data-testid=meeting-panel]")).ToContainTextAsync("联席会议进行中");
        await Assertions.Expect(screen.Locator("[data-testid=meeting-panel-last]")).ToContainTextAsync("镇公用事业办");
        await screen.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("meeting-screen") });

        await chair.ClickAsync("[data-testid=meeting-close]");
        await chair.Locator(".mud-dialog .mud-button-root", new PageLocatorOptions { HasText = "结束会议" }).ClickAsync();
        await Assertions.Expect(chair.Locator("[data-testid=no-meeting]")).ToBeVisibleAsync();
        await Assertions.Expect(screen.Locator("[data-testid=meeting-panel]")).ToHaveCountAsync(0);

        var id = (await Queries.ListRecentAsync(1))[0].Id;
        await chair.GotoAsync(fixture.App.BaseAddress + $"meeting/{id}/minutes");
        await Assertions.Expect(chair.Locator("[data-testid=minutes-items]")).ToContainTextAsync("镇公用事业办");
        await chair.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("meeting-minutes"), FullPage = true });
        await chair.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(chair.Locator(".no-print")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ChairRecordsDecisionOnThePage_NotificationReachesTheTownLevelNotTheChairOrReadOnly()
    {
        await CloseSittingAsync();
        var caseId = await fixture.NewCaseAsync(CaseLevels.Town);
        var town = await SignInAsync("t-town", CaseAppFixture.Password);
        await town.GotoAsync(fixture.App.BaseAddress + "cases");
        await BlazorPage.WaitForInteractiveAsync(town);
        var chair = await SignInAsync("chair", "demo-chair");
        await chair.GotoAsync(fixture.App.BaseAddress + "meeting");
        await BlazorPage.WaitForInteractiveAsync(chair);
        await chair.Locator("[data-testid=field-attendees] textarea, textarea[data-testid=field-attendees]").FillAsync("城治办、住建办");
        await chair.ClickAsync("[data-testid=meeting-open]");
        await Assertions.Expect(chair.Locator("[data-testid=meeting-header]")).ToBeVisibleAsync();

        await chair.ClickAsync($"[data-agenda-key=c{caseId}]");
        await chair.ClickAsync("[data-testid=kind-assign]");
        await chair.Locator("[data-testid=field-assignee] input, input[data-testid=field-assignee]").FillAsync("镇住建办");
        var due = chair.Locator("[data-testid=field-due-on] input, input[data-testid=field-due-on]").First;
        await due.FillAsync(TownClock.Iso(Today.AddDays(5)));
        await due.PressAsync("Tab");
        await chair.Locator("[data-testid=field-decision-text] textarea, textarea[data-testid=field-decision-text]").FillAsync("五日内排查路灯线路。");
        await chair.ClickAsync("[data-testid=decision-save]");
        await Assertions.Expect(chair.Locator("[data-testid=meeting-message]")).ToContainTextAsync("决定已记录");

        // The town office's open page: its bell shows the decision, live.
        await Assertions.Expect(town.Locator("[data-testid=bell-latest]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^decision "), new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });

        // Who was told: the town level (town office and chairs), never the chair who decided, never a read-only or another level's account.
        var told = (await fixture.Db.ReadAsync(c => Dapper.SqlMapper.QueryAsync<string>(c,
            "SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = @caseId AND n.kind = 'decision' ORDER BY u.username", new { caseId }))).ToList();
        Assert.Contains("t-town", told);
        Assert.Contains("t-chair", told);
        Assert.DoesNotContain("chair", told);
        Assert.DoesNotContain("t-viewer", told);
        Assert.DoesNotContain("t-assessor", told);
        Assert.DoesNotContain("t-staff-a", told);
        var townLevel = (await fixture.Db.ReadAsync(c => Dapper.SqlMapper.QueryAsync<string>(c,
            "SELECT username FROM users WHERE is_active = 1 AND role IN ('town_office', 'chair') AND username <> 'chair' ORDER BY username"))).ToList();
        Assert.Equal(townLevel, told);

        await chair.ClickAsync("[data-testid=meeting-close]");
        await chair.Locator(".mud-dialog .mud-button-root", new PageLocatorOptions { HasText = "结束会议" }).ClickAsync();
        await Assertions.Expect(chair.Locator("[data-testid=no-meeting]")).ToBeVisibleAsync();
    }

    private async Task CloseSittingAsync()
    {
        if (await Queries.GetInSessionAsync() is { } sitting)
        {
            Assert.True((await Commands.CloseAsync(fixture.Town, sitting.Id, sitting.Version)).Succeeded);
        }
    }

    private async Task<IPage> SignInAsync(string username, string password)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return page;
    }
}
