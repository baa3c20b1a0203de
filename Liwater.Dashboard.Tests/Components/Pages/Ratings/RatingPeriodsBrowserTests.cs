using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Ratings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.Ratings;

/// <summary>
/// The scene in headless Chromium on the demo data: an assessor saves two 2026 year-end sheets; the overview
/// keeps the published 2021 stars (9 / 16 / 10 / 4) until the town office publishes 2026 on /ratings.
/// </summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class RatingPeriodsBrowserTests(RatingPeriodsBrowserTests.App app, BrowserFixture browser)
    : IClassFixture<RatingPeriodsBrowserTests.App>, IClassFixture<BrowserFixture>
{
    public sealed class App : LiwaterAppFactory;

    [Fact]
    public async Task Overview_DraftSheetsThenPublish_StarsChangeOnlyWhenPublished()
    {
        var baseAddress = app.BaseAddress;
        var sheets = app.Services.GetRequiredService<ScoreSheetCommands>();
        var assessor = new ActingUser { Id = 0, Username = "assessor", DisplayName = "考核组 梁专家", Role = Roles.Assessor };
        await sheets.SaveAsync(assessor, Sheet(1));
        await sheets.SaveAsync(assessor, Sheet(2));

        var page = await SignInAsync(baseAddress);
        await OpenAsync(page, baseAddress, "/");
        var stars = page.Locator("[data-figure=stars]");
        await Assertions.Expect(stars).ToContainTextAsync("2021");
        await Assertions.Expect(stars).ToContainTextAsync("五星 9 · 四星 16 · 三星 10 · 未评星 4");

        await OpenAsync(page, baseAddress, "/ratings");
        await Assertions.Expect(page.Locator("[data-testid=period-state]")).ToHaveTextAsync("已发布");
        await page.Locator("[data-testid=period]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "2026年度" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=draft-banner]")).ToContainTextAsync("2026年度为草稿");
        await Assertions.Expect(page.Locator("[data-testid=league] tbody tr")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("ratings-draft"), FullPage = false });

        await page.Locator("[data-testid=publish-period]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=period-done]")).ToContainTextAsync("2026年度已发布");
        await Assertions.Expect(page.Locator("[data-testid=period-state]")).ToHaveTextAsync("已发布");
        await Assertions.Expect(page.Locator("[data-testid=reopen-reason]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("ratings-published"), FullPage = false });

        await OpenAsync(page, baseAddress, "/");
        await Assertions.Expect(stars).ToContainTextAsync("2026");
        await Assertions.Expect(stars).ToContainTextAsync("五星 2 · 四星 0 · 三星 0 · 未评星 0");
    }

    private static ScoreSheetInput Sheet(long unitId) => new()
    {
        UnitId = unitId,
        Year = 2026,
        Quarter = 0,
        Assessor = "考核组 梁专家",
        Scores = new Dictionary<string, double?> { ["safety"] = 18, ["sanitation"] = 17, ["facilities"] = 16, ["order"] = 12, ["service"] = 13, ["governance"] = 10 },
    };

    private async Task<IPage> SignInAsync(Uri baseAddress)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, "/login").ToString());
        await page.FillAsync("#username", "chengzhiban");
        await page.FillAsync("#password", "demo-town-office");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal), new() { Timeout = 60000 });
        return page;
    }

    private static async Task OpenAsync(IPage page, Uri baseAddress, string path)
    {
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        await BlazorPage.WaitForInteractiveAsync(page, 30000);
    }
}
