using System.Text.RegularExpressions;
using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>
/// Hostile text typed into the interactive forms in headless Chromium: the circuit survives (the reconnect dialog never
/// opens, the page keeps answering), no payload runs (no dialog, <c>window.__pwned</c> stays undefined on every page
/// that shows the text: the case page, the wall's ticker, the resident's tracking page, the accounts table), the text
/// is shown literally and stored exactly as typed, and what cannot be stored as typed gets a clear error.
/// </summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed partial class HostilePagesBrowserTests(HostileAppFixture fixture) : IClassFixture<HostileAppFixture>, IAsyncLifetime
{
    private const string ImgPayload = "\"><img src=x onerror=\"window.__pwned=1\">";
    private const string ScriptPayload = "<script>window.__pwned=1</script>";
    private readonly BrowserFixture browser = new();
    private readonly List<string> dialogs = [];
    private readonly List<string> circuitErrors = [];

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task CaseFormsWallAndTracking_HostileText_ShownLiterallyStoredAsTypedNothingRuns()
    {
        var page = await SignInAsync("t-town");

        // Case create: markup, an RTL override and a family emoji in the title; a script, CRLF and combining marks below.
        var title = $"{ImgPayload} {HostileStrings.Family} 东门\u202E路灯 {Guid.NewGuid():N}"[..90];
        var description = ScriptPayload + "\n第二行 e\u0301 Z\u0337a\u0338 '; DROP TABLE cases; --";
        await page.GotoAsync(fixture.App.BaseAddress + "cases/new");
        await BlazorPage.WaitForInteractiveAsync(page);
        await PickAsync(page, "field-compound", fixture.CompoundA.Name);
        await PickAsync(page, "field-category", null);
        await PickAsync(page, "field-channel", null);
        await Field(page, "field-title").FillAsync(title);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync($"首尾空格不保存 · {Liwater.Data.Access.TextRules.Length(title)}/100 字");
        await Field(page, "field-description").FillAsync(description);
        await BlazorPage.SaveAndWaitForAsync(page, "[data-testid=case-save]", CasePage(), "hostile-case-not-saved");

        await BlazorPage.WaitForInteractiveAsync(page);
        var caseId = long.Parse(CasePage().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(ImgPayload);
        var stored = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(string Title, string Description)>("SELECT title, description FROM cases WHERE id = @caseId", new { caseId }));
        Assert.Equal(title, stored.Title);
        Assert.Equal(description, stored.Description);

        // A follow-up with a bell character is refused with a clear error; the circuit lives on and takes the next text, 200
        // family emoji (2,200 UTF-16 units, 200 characters: within the 2,000-character limit).
        await page.ClickAsync("[data-testid=action-FollowUp]");
        await Field(page, "input-body").FillAsync("前\u0007后");
        await page.ClickAsync("[data-testid=action-submit]");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("控制字符");
        var emoji = string.Concat(Enumerable.Repeat(HostileStrings.Family, 200));
        await Field(page, "input-body").FillAsync(emoji);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("hostile-case-action"), FullPage = true });
        await page.ClickAsync("[data-testid=action-submit]");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(HostileStrings.Family + HostileStrings.Family);
        // The page shows the text in the field before the save lands: wait for the timeline's row, then compare.
        string? latest = null;
        for (var i = 0; i < 100 && latest != emoji; i++)
        {
            latest = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT body FROM case_events WHERE case_id = @caseId ORDER BY id DESC LIMIT 1", new { caseId }));
            await Task.Delay(100);
        }

        Assert.Equal(emoji, latest);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("hostile-case-page"), FullPage = true });
        await AssertSafeAsync(page, "case page");

        // The wall's ticker names the new case by its title.
        var wall = await browser.NewPageAsync(1920, 1080);
        Watch(wall);
        await wall.GotoAsync(fixture.App.BaseAddress + "screen?key=demo-screen-key");
        await BlazorPage.WaitForInteractiveAsync(wall);
        await Assertions.Expect(wall.Locator("[data-testid=ticker]")).ToContainTextAsync(ImgPayload);
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("hostile-wall") });
        await AssertSafeAsync(wall, "wall");

        // Accounts: a display name with a bell character is refused; markup is stored and listed as text.
        await page.GotoAsync(fixture.App.BaseAddress + "users");
        await BlazorPage.WaitForInteractiveAsync(page);
        var username = "h-" + Guid.NewGuid().ToString("N")[..8];
        await Field(page, "user-username").FillAsync(username);
        await Field(page, "user-displayname").FillAsync("王\u0007五");
        await Field(page, "user-password").FillAsync("hostile-password-1");
        await page.ClickAsync("[data-testid=user-create]");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("控制字符");
        var displayName = "<b>王五</b>" + ScriptPayload[..20];
        await Field(page, "user-displayname").FillAsync(displayName);
        await page.ClickAsync("[data-testid=user-create]");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(displayName);
        Assert.Equal(displayName, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT display_name FROM users WHERE username = @username", new { username })));
        await AssertSafeAsync(page, "users");
    }

    [Fact]
    public async Task ResidentReport_HostileDescription_TrackingPageShowsItLiterally()
    {
        var phone = await browser.NewPageAsync(390, 844);
        Watch(phone);
        var description = ImgPayload + " 3单元\u202E电梯 " + HostileStrings.Family + " " + Guid.NewGuid().ToString("N")[..6];
        await phone.GotoAsync(fixture.App.BaseAddress + "r/" + fixture.Codes.Buildings[0].Code);
        await phone.Locator("input[name=category]").First.CheckAsync();
        await phone.FillAsync("[data-testid=report-description]", description);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("hostile-resident-form"), FullPage = true });
        await phone.ClickAsync("[data-testid=report-submit]");
        try
        {
            await phone.WaitForURLAsync(new Regex("/t/"), new PageWaitForURLOptions { Timeout = 15000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("The report was not filed: " + await phone.InnerTextAsync("body"));
        }

        await Assertions.Expect(phone.Locator("body")).ToContainTextAsync(description);
        var stored = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT description FROM cases ORDER BY id DESC LIMIT 1"));
        Assert.Equal(description, stored);
        await AssertSafeAsync(phone, "tracking page");
    }

    private async Task AssertSafeAsync(IPage page, string where)
    {
        // Give an onerror handler the time to fire (the broken image loads asynchronously).
        await page.WaitForTimeoutAsync(300);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof " + HostileStrings.Canary));
        Assert.True(dialogs.Count == 0, $"{where}: a dialog opened: {string.Join(", ", dialogs)}");
        Assert.False(await page.EvaluateAsync<bool>("() => !!document.querySelector('#components-reconnect-modal')?.open"), $"{where}: the reconnect dialog is open");
        Assert.True(circuitErrors.Count == 0, $"{where}: " + string.Join(" | ", circuitErrors));
    }

    private void Watch(IPage page)
    {
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Circuit", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("disconnected", StringComparison.OrdinalIgnoreCase)))
            {
                circuitErrors.Add(message.Text);
            }
        };
    }

    private async Task<IPage> SignInAsync(string username)
    {
        var page = await browser.NewPageAsync();
        Watch(page);
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Components.Pages.Cases.CaseAppFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]").First;

    private static async Task PickAsync(IPage page, string testId, string? text)
    {
        await page.Locator($"[data-testid={testId}]").First.ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        var item = text is null ? items.First : items.Filter(new LocatorFilterOptions { HasText = text }).First;
        await item.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"/cases/(\d+)$")]
    private static partial Regex CasePage();
}
