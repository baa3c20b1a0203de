using System.Diagnostics;
using System.Globalization;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Tests.Residents;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.Notifications;

/// <summary>
/// Headless Chromium: community staff watch the app; a property steward escalates a case of their compound to the
/// community; the staff member's bell goes up within a second and a browser notification pops up. Screenshots of the
/// bell's panel at 1440×900 and 390×844 and of the notification and delivery pages.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NotificationBrowserTests(FieldAppFixture fixture, ITestOutputHelper output) : IClassFixture<FieldAppFixture>, IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task Bell_CaseEscalatedByAnotherUser_CountUpWithinASecondAndBrowserNotification()
    {
        var title = "楼顶漏水-" + Guid.NewGuid().ToString("N")[..4];
        var created = await fixture.Get<CaseCommands>().CreateAsync(FieldAppFixture.Town, new NewCase
        {
            CompoundId = fixture.Compound.Id, Category = "building_safety", Title = title, Description = "顶楼漏水。", SourceChannel = "hotline", Level = CaseLevels.Compound,
        });
        Assert.True(created.Succeeded);
        var staffId = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = 'f-staff'"));
        await WaitAsync(async () => await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM notifications WHERE user_id = @staffId AND case_id = @caseId", new { staffId, caseId = created.CaseId })) == 1);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            Permissions = ["notifications"], BaseURL = fixture.App.BaseAddress.ToString(),
        });
        // Record what the page shows through the Notification API (the real one is called too).
        await context.AddInitScriptAsync(
            "window.__shown = []; const Native = window.Notification; window.Notification = class extends Native { constructor(t, o) { super(t, o); window.__shown.push(t + ' | ' + (o && o.body || '')); } };");
        var page = await context.NewPageAsync();
        await SignInAsync(page, "f-staff");
        await page.GotoAsync(fixture.App.BaseAddress + "cases");
        await BlazorPage.WaitForInteractiveAsync(page);
        var unread = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE user_id = @staffId AND read_at IS NULL", new { staffId }));
        var count = page.Locator("[data-testid=bell-count]");
        await Assertions.Expect(count).ToHaveTextAsync(unread.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=bell-button]")).ToBeVisibleAsync();
        // The bell pops browser notifications once its script is bound and knows the permission.
        await Assertions.Expect(page.Locator("[data-testid=bell-button][data-browser-notifications=granted]")).ToHaveCountAsync(1);

        // Another user — the compound's steward — escalates the case to the community.
        var steward = (await fixture.Get<UserStore>().FindAsync(fixture.StewardId))!.ToActingUser();
        var watch = Stopwatch.StartNew();
        var escalated = await fixture.Get<CaseCommands>().ApplyAsync(steward, created.CaseId!.Value, 1, new CaseAction { Kind = CaseActionKind.Escalate, Body = "需要社区协调维修基金。" });
        Assert.True(escalated.Succeeded);
        var written = watch.ElapsedMilliseconds;
        // The demo data's own deadlines pass meanwhile (breach alerts), so wait for this escalation, not any new one.
        await Assertions.Expect(page.Locator("[data-testid=bell-latest]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex($"^escalated .*{title}"), new LocatorAssertionsToContainTextOptions { Timeout = 5000 });
        var shown = watch.ElapsedMilliseconds;
        var after = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE user_id = @staffId AND read_at IS NULL", new { staffId }));
        await Assertions.Expect(count).ToHaveTextAsync(after.ToString(CultureInfo.InvariantCulture));
        Assert.True(after > unread);
        output.WriteLine($"escalation written in {written} ms; bell {unread} → {after} with the escalation {shown - written} ms after the commit");
        await WaitAsync(async () => (await page.EvaluateAsync<string[]>("() => window.__shown")).Any(p => p.StartsWith("转到本级：", StringComparison.Ordinal) && p.Contains(title, StringComparison.Ordinal)));

        await page.ClickAsync("[data-testid=bell-button]");
        // Newest first: a demo deadline's breach alert may have arrived since, so look for this escalation among them.
        await Assertions.Expect(page.Locator("[data-testid=bell-item]", new PageLocatorOptions { HasText = title }).First).ToContainTextAsync(title);
        await page.WaitForTimeoutAsync(400); // the popover's fade-in
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("notifications-bell-1440") });

        // Opening it from the panel reads it and goes to the case.
        await page.Locator("[data-testid=bell-item] a", new PageLocatorOptions { HasText = title }).Filter(new LocatorFilterOptions { HasText = "转到本级" }).First.ClickAsync();
        await BlazorPage.WaitForRouteAsync(page, new System.Text.RegularExpressions.Regex($"/cases/{created.CaseId}$"));
        await WaitAsync(async () => await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM notifications WHERE user_id = @staffId AND case_id = @caseId AND kind = 'escalated' AND read_at IS NOT NULL", new { staffId, caseId = created.CaseId })) == 1);
        await context.CloseAsync();
        Assert.True(shown - written < 1000, $"the bell showed the escalation {shown - written} ms after it was committed");
    }

    [UiTest]
    [Fact]
    public async Task BellAndPages_Screenshots_PhonePanelPreferencesAndOpsPage()
    {
        var phone = await browser.NewPageAsync(390, 844);
        await SignInAsync(phone, "f-steward");
        await phone.GotoAsync(fixture.App.BaseAddress + "field");
        await BlazorPage.WaitForInteractiveAsync(phone);
        await phone.ClickAsync("[data-testid=bell-button]");
        await Assertions.Expect(phone.Locator("[data-testid=bell-panel]")).ToBeVisibleAsync();
        await phone.WaitForTimeoutAsync(400); // the popover's fade-in
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("notifications-bell-390") });
        var panel = await phone.Locator("[data-testid=bell-panel]").BoundingBoxAsync();
        Assert.True(panel!.X >= 0 && panel.X + panel.Width <= 390, $"panel at x={panel.X}, width {panel.Width}");

        await phone.GotoAsync(fixture.App.BaseAddress + "notifications");
        await BlazorPage.WaitForInteractiveAsync(phone);
        await phone.Locator("input[data-testid=prefs-email], [data-testid=prefs-email] input").First.FillAsync("not-an-address");
        await phone.ClickAsync("[data-testid=prefs-save]");
        await Assertions.Expect(phone.Locator("[data-testid=prefs-message]")).ToContainTextAsync("邮箱地址格式不正确");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("notifications-page-390"), FullPage = true });

        var desk = await browser.NewPageAsync(1440, 900);
        await SignInAsync(desk, "admin", "demo-admin-change-me");
        await desk.GotoAsync(fixture.App.BaseAddress + "notifications/deliveries");
        await BlazorPage.WaitForInteractiveAsync(desk);
        await Assertions.Expect(desk.Locator("[data-testid=deliveries-table]")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("[data-testid=deliveries-off]")).ToBeVisibleAsync(); // this app sends no e-mail or webhook
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("notifications-deliveries-1440") });
    }

    [UiTest]
    [Fact]
    public async Task BellBadge_DeskAppBar_WholeBadgeInsideTheBar()
    {
        // A new case in the staff member's community: at least one unread notification, so the badge shows.
        var created = await fixture.Get<CaseCommands>().CreateAsync(FieldAppFixture.Town, new NewCase
        {
            CompoundId = fixture.Compound.Id, Category = "public_facilities", Title = "路灯不亮", Description = "3 栋门前路灯不亮。", SourceChannel = "hotline", Level = CaseLevels.Compound,
        });
        Assert.True(created.Succeeded);
        var staffId = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = 'f-staff'"));
        await WaitAsync(async () => await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM notifications WHERE user_id = @staffId AND case_id = @caseId AND read_at IS NULL", new { staffId, caseId = created.CaseId })) == 1);
        var page = await browser.NewPageAsync(1440, 900);
        await SignInAsync(page, "f-staff");
        await page.GotoAsync(fixture.App.BaseAddress + "cases");
        await BlazorPage.WaitForInteractiveAsync(page);
        var badge = page.Locator("[data-testid=notification-bell] .mud-badge");
        await Assertions.Expect(badge).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(300); // the badge's scale-in
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("notifications-bell-badge-1440"), Clip = new Clip { X = 1040, Y = 0, Width = 400, Height = 64 } });

        var bar = (await page.Locator(".mud-appbar").First.BoundingBoxAsync())!;
        var box = (await badge.BoundingBoxAsync())!;
        Assert.True(box.Y >= bar.Y && box.Y + box.Height <= bar.Y + bar.Height && box.X + box.Width <= bar.X + bar.Width,
            $"badge at x={box.X} y={box.Y} {box.Width}×{box.Height}; app bar at y={bar.Y} {bar.Width}×{bar.Height}");
    }

    private async Task SignInAsync(IPage page, string username, string password = FieldAppFixture.Password)
    {
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out");
            await Task.Delay(100);
        }
    }
}
