using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Debian's headless Chromium driven by Playwright (never a downloaded browser). Shared by a test class; each test
/// opens its own context. Screenshots go to <see cref="ScreenshotFolder"/> to be looked at.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the folder screenshots are written to: artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public async ValueTask InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A new page in a fresh context (own cookies) at the given viewport, Chinese by default.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        return await context.NewPageAsync();
    }

    public static string ScreenshotPath(string name) => Path.Combine(ScreenshotFolder, name + ".png");

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    private static string FindScreenshotFolder()
    {
        var path = Path.Combine(AppProcess.RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>Waits until Blazor's circuit is interactive (prerendered HTML comes first and ignores clicks).</summary>
public static class BlazorPage
{
    public static Task WaitForInteractiveAsync(IPage page, float timeoutMs = 15000) =>
        page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('[data-interactive=\"true\"]') !== null", null, new PageWaitForFunctionOptions { Timeout = timeoutMs });

    /// <summary>
    /// Waits until the page's address matches, for a move made inside the circuit (a link Blazor intercepts,
    /// NavigateTo): history.pushState, no load. WaitForURL compares the address it last heard of and then waits for a
    /// navigation event; when pushState lands between the two it waits for a load that never comes (seen: a 30 s
    /// timeout with the address already right). The assertion polls the address instead.
    /// </summary>
    public static Task WaitForRouteAsync(IPage page, System.Text.RegularExpressions.Regex target, float timeoutMs = 15000) =>
        Assertions.Expect(page).ToHaveURLAsync(target, new PageAssertionsToHaveURLOptions { Timeout = timeoutMs });

    /// <summary>
    /// Clicks a form's save button and waits for the page it goes to. A save round-trips through the circuit and the
    /// database, which can take tens of seconds while the whole suite holds the 2 cores, so it waits up to a minute;
    /// if the page never comes, the test fails with a screenshot and the page's text (a validation message, an error).
    /// </summary>
    public static async Task SaveAndWaitForAsync(IPage page, string saveSelector, System.Text.RegularExpressions.Regex target, string screenshot)
    {
        await page.ClickAsync(saveSelector);
        try
        {
            await WaitForRouteAsync(page, target, 60000);
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath(screenshot) });
            Assert.Fail($"The save did not reach {target} (still at {page.Url}): " + await page.InnerTextAsync("body"));
        }
    }
}
