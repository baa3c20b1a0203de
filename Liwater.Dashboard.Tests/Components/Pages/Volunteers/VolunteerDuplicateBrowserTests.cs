using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.Volunteers;

/// <summary>The activity form in headless Chromium: the same activity logged twice is a warning to confirm, not double hours.</summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class VolunteerDuplicateBrowserTests(VolunteerDuplicateBrowserTests.App app, BrowserFixture browser)
    : IClassFixture<VolunteerDuplicateBrowserTests.App>, IClassFixture<BrowserFixture>
{
    private const string Title = "浏览器重复登记测试：楼道清洁";

    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 15_000 };

    public sealed class App : LiwaterAppFactory;

    [Fact]
    public async Task ActivityForm_SameActivityTwice_WarnsAndStoresOnceUntilConfirmed()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/login").ToString());
        await page.FillAsync("#username", "chengzhiban");
        await page.FillAsync("#password", "demo-town-office");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal), new() { Timeout = 60000 });
        await page.GotoAsync(new Uri(app.BaseAddress, "/volunteers").ToString());
        await BlazorPage.WaitForInteractiveAsync(page, 30000);

        var form = page.Locator("[data-testid=activity-form]");
        await form.Locator(".mud-select").Nth(0).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await form.GetByLabel("时长(小时)").FillAsync("2");
        await form.GetByLabel("人数").FillAsync("5");
        await form.GetByLabel("事项").FillAsync(Title);
        await form.Locator("[data-testid=activity-save]").ClickAsync();
        // A save under a loaded test run can take longer than Playwright's 5 s default (seen once in the full suite).
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("活动已登记", Slow);
        Assert.Equal(1, await CountAsync());

        await form.GetByLabel("事项").FillAsync(Title);
        await form.Locator("[data-testid=activity-save]").ClickAsync();

        await Assertions.Expect(form.Locator("[data-testid=activity-duplicate]")).ToContainTextAsync("可能重复登记", Slow);
        Assert.Equal(1, await CountAsync());
        await form.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("volunteers-duplicate"), FullPage = false });

        await form.Locator("[data-testid=activity-save-anyway]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=activity-duplicate]")).ToHaveCountAsync(0);
        Assert.Equal(2, await CountAsync());
    }

    private Task<long> CountAsync() => app.Services.GetRequiredService<Db>().ReadAsync(
        c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM volunteer_activities WHERE title = @Title", new { Title }));
}
