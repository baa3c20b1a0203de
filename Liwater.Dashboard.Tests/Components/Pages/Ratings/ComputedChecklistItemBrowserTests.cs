using Liwater.Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.Ratings;

/// <summary>/ratings with Liwater:Reports:ComputeServiceChecklistItem on (demo data, headless Chromium): the score sheet
/// shows the "service" item as computed from the unit's service record, with its figures, instead of an input.</summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class ComputedChecklistItemBrowserTests(ComputedChecklistItemBrowserTests.App app, BrowserFixture browser)
    : IClassFixture<ComputedChecklistItemBrowserTests.App>, IClassFixture<BrowserFixture>
{
    public sealed class App : LiwaterAppFactory
    {
        public App() => Settings["Liwater:Reports:ComputeServiceChecklistItem"] = "true";
    }

    [Fact]
    public async Task ScoreSheet_ComputedItemOn_ShowsPointsAndFiguresBesideTheAssessorsItems()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/login").ToString());
        await page.FillAsync("#username", "assessor");
        await page.FillAsync("#password", "demo-assessor");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(app.BaseAddress, "/ratings").ToString());
        await BlazorPage.WaitForInteractiveAsync(page, 30000);
        await Assertions.Expect(page.Locator("[data-testid=computed-item-note]")).ToBeVisibleAsync();

        // This year's year-end sheet of the first unit: the demo's cases of the last 60 days give it a record.
        await page.Locator("[data-testid=sheet-unit]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=computed-points]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=computed-source]")).ToContainTextAsync("时限达标");
        Assert.Equal(0, await page.Locator("[data-testid=score-service] input").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=score-safety] input").CountAsync());
        await page.SetViewportSizeAsync(1440, 900);
        await page.Locator("[data-testid=score-sheet]").ScrollIntoViewIfNeededAsync();
        await page.Locator("[data-testid=score-sheet]").ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("ratings-computed-item") });
    }
}
