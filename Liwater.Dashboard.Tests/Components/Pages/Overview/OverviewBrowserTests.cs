using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.Overview;

/// <summary>Issue 10 item 2 in headless Chromium: the overview and a compound profile move without a reload.</summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class OverviewBrowserTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>, IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task Overview_CaseCreatedThroughTheCaseCommand_OpenCasesFigureRisesWithoutReload()
    {
        var page = await SignInAsync("t-town");
        await page.GotoAsync(fixture.App.BaseAddress.ToString());
        await BlazorPage.WaitForInteractiveAsync(page);
        var figure = page.Locator("[data-figure='open-cases'] .figure-value");
        var before = long.Parse((await figure.InnerTextAsync()).Trim().Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        await page.EvaluateAsync("window.__sameDocument = true");

        await fixture.NewCaseAsync();

        await Assertions.Expect(figure).ToHaveTextAsync((before + 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("overview"), FullPage = false });
    }

    [Fact]
    public async Task CompoundProfile_CaseCreatedThroughTheCaseCommand_AppearsWithoutReload()
    {
        var page = await SignInAsync("t-town");
        await page.GotoAsync(fixture.App.BaseAddress + $"compounds/{fixture.CompoundA.Id}");
        await BlazorPage.WaitForInteractiveAsync(page);
        var links = page.Locator("[data-testid=cases] a[href^='/cases/']");
        await Assertions.Expect(page.Locator("[data-testid=cases]")).ToBeVisibleAsync();
        var before = await links.CountAsync();

        var id = await fixture.NewCaseAsync();

        await Assertions.Expect(page.Locator($"[data-testid=cases] a[href='/cases/{id}']")).ToHaveCountAsync(1);
        Assert.Equal(before + 1, await links.CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("compound-profile"), FullPage = true });
    }

    private async Task<IPage> SignInAsync(string username)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", CaseAppFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return page;
    }
}
