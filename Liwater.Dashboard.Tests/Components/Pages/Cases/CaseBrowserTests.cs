using System.Text.RegularExpressions;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>The community clerk's path in headless Chromium: sign in, create, escalate twice; the chair sees it.</summary>
[Collection(AppCollection.Name)]
public sealed class CaseBrowserTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>, IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task CommunityStaff_CreatesAndEscalatesTwice_ChairSeesItInTownQueue()
    {
        var title = "楼道灯不亮-" + Guid.NewGuid().ToString("N")[..6];
        var staff = await SignInAsync("jinxi", "demo-community-staff");

        await staff.GotoAsync(fixture.App.BaseAddress + "cases/new");
        await BlazorPage.WaitForInteractiveAsync(staff);
        await PickAsync(staff, "field-compound", fixture.CompoundA.Name);
        await PickAsync(staff, "field-building", null);
        await PickAsync(staff, "field-category", "公共设施");
        await PickAsync(staff, "field-channel", "管家群");
        await staff.Locator("[data-testid=field-title] input, input[data-testid=field-title]").FillAsync(title);
        await staff.Locator("[data-testid=field-description] textarea, textarea[data-testid=field-description]").FillAsync("3栋楼道灯一周未修，老人夜间出行不便。");
        await staff.Locator("[data-testid=field-phone] input, input[data-testid=field-phone]").FillAsync("13812345678");
        await BlazorPage.SaveAndWaitForAsync(staff, "[data-testid=case-save]", new System.Text.RegularExpressions.Regex(@"/cases/\d+$"), "cases-new-not-saved");
        await BlazorPage.WaitForInteractiveAsync(staff);

        foreach (var (reason, level) in new[] { ("物业两次维修未果，需社区协调。", "社区"), ("涉及供电改造，需镇统筹。", "镇（联席会议）") })
        {
            await staff.ClickAsync("[data-testid=action-Escalate]");
            await staff.Locator("[data-testid=input-body] textarea, textarea[data-testid=input-body]").FillAsync(reason);
            await staff.ClickAsync("[data-testid=action-submit]");
            await Assertions.Expect(staff.Locator("[data-testid=case-level]")).ToHaveTextAsync(level);
        }

        await Assertions.Expect(staff.Locator("[data-testid=case-reporter]")).ToContainTextAsync("138****5678");
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("cases-page"), FullPage = true });

        var chair = await SignInAsync("chair", "demo-chair");
        await chair.GotoAsync(fixture.App.BaseAddress + "cases");
        await BlazorPage.WaitForInteractiveAsync(chair);
        await chair.Locator("[data-testid=case-search] input, input[data-testid=case-search]").FillAsync(title);
        var row = chair.Locator("[data-testid=case-grid] tr", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=case-level]")).ToHaveTextAsync("镇（联席会议）");

        await chair.Locator("[data-testid=case-search] input, input[data-testid=case-search]").FillAsync("");
        await Assertions.Expect(chair.Locator("[data-testid=case-grid] tbody tr").First).ToBeVisibleAsync();
        await chair.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("cases-list"), FullPage = false });
        await staff.GotoAsync(fixture.App.BaseAddress + "cases");
        await BlazorPage.WaitForInteractiveAsync(staff);
        await Assertions.Expect(staff.Locator("[data-testid=case-grid] tbody tr").First).ToBeVisibleAsync();
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("cases-list-community"), FullPage = false });
    }

    [Fact]
    public async Task CaseList_SortByCodeNextPageAndAClickOnARowsCode_OpensThatCase()
    {
        var page = await SignInAsync("t-town", CaseAppFixture.Password);
        await page.GotoAsync(fixture.App.BaseAddress + "cases");
        await BlazorPage.WaitForInteractiveAsync(page);
        var codes = page.Locator("[data-testid=case-grid] tbody td.cl-code");
        await Assertions.Expect(codes).ToHaveCountAsync(25);

        await page.ClickAsync("[data-testid=sort-code]");
        await Assertions.Expect(page.Locator("th:has([data-testid=sort-code])")).ToHaveAttributeAsync("aria-sort", "ascending");
        var first = await codes.AllTextContentsAsync();
        Assert.Equal(first.Order(StringComparer.Ordinal), first);

        await page.ClickAsync("[data-testid=page-next]");
        await Assertions.Expect(page.Locator("[data-testid=page-info]")).ToContainTextAsync("26–50");
        await Assertions.Expect(codes.First).Not.ToHaveTextAsync(first[0]);
        var second = await codes.AllTextContentsAsync();
        Assert.True(string.CompareOrdinal(first[^1], second[0]) < 0, $"{first[^1]} then {second[0]}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("cases-list-sorted"), FullPage = false });

        // The whole row is the case's link: a click on its code (not on the title) opens it.
        var row = page.Locator("[data-testid=case-grid] tbody tr").Nth(20);
        await row.ScrollIntoViewIfNeededAsync();
        var href = await row.Locator("[data-testid=case-link]").GetAttributeAsync("href");
        var code = await row.Locator("td.cl-code").BoundingBoxAsync();
        await page.Mouse.ClickAsync(code!.X + (code.Width / 2), code.Y + (code.Height / 2));
        await BlazorPage.WaitForRouteAsync(page, new Regex(Regex.Escape(href!) + "$"));
        await Assertions.Expect(page.Locator("[data-testid=action-panel]")).ToBeVisibleAsync();
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

    /// <summary>Opens a MudSelect and picks the item with the text (or the first item).</summary>
    private static async Task PickAsync(IPage page, string testId, string? text)
    {
        await page.Locator($"[data-testid={testId}]").First.ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        var item = text is null ? items.First : items.Filter(new LocatorFilterOptions { HasText = text }).First;
        await item.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
