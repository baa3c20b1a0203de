using System.Diagnostics;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

/// <summary>
/// The wall in Chromium behind a proxy that silently holds every packet (no reset: the link looks up, nothing moves).
/// The screen must notice by itself within 10 s and recover alone once the link carries traffic again.
/// </summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class ScreenFaultTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Key = "demo-screen-key";
    private const string OpenCases = "[data-counter='open-cases'] [data-value]";
    private const string Banner = "[data-testid='stale-banner']";

    /// <summary>How long the link stays silent: past the 15 s timeouts of both ends, and a minute in long mode.</summary>
    private static TimeSpan Cut => Environment.GetEnvironmentVariable("LIWATER_LONG") == "1" ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(25);

    [Fact]
    public async Task Screen_LinkSilentlyHeld_StaleBannerWithinTenSecondsAndRecoversAlone()
    {
        using var app = new LiwaterAppFactory();
        await using var proxy = new HoldingProxy(app.BaseAddress);
        var page = await browser.NewPageAsync(1920, 1080);
        await page.GotoAsync(new Uri(proxy.Address, $"/screen?key={Key}").ToString());
        await BlazorPage.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync(OpenCases);

        // Let a few beats go through, then hold the link.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(await page.IsVisibleAsync(Banner));
        var cutAt = await page.EvaluateAsync<double>("() => { window.liwaterBeforeCut = true; return Date.now(); }");
        proxy.Hold();
        var clock = Stopwatch.StartNew();
        await page.WaitForSelectorAsync(Banner, new() { State = WaitForSelectorState.Visible, Timeout = 30000 });
        var staleSince = double.Parse(await page.EvaluateAsync<string>("() => document.documentElement.dataset.staleSince"), System.Globalization.CultureInfo.InvariantCulture);
        var bannerSeconds = (staleSince - cutAt) / 1000;
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("screen-silent-cut") });
        Assert.True(bannerSeconds <= 10, $"the stale banner came {bannerSeconds:0.0} s after the cut");

        var remaining = Cut - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        Assert.True(await page.IsVisibleAsync(Banner));
        proxy.Release();

        // Recovered = banner gone by itself, and the figures move again with the next commit.
        await page.WaitForSelectorAsync(Banner, new() { State = WaitForSelectorState.Hidden, Timeout = 90000 });
        var reloaded = await page.EvaluateAsync<bool>("() => window.liwaterBeforeCut !== true");
        var recoverySeconds = clock.Elapsed.TotalSeconds - Cut.TotalSeconds;
        await BlazorPage.WaitForInteractiveAsync(page, 60000);
        await page.WaitForSelectorAsync(OpenCases);
        var before = long.Parse((await page.InnerTextAsync(OpenCases)).Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        await TestWrites.OpenCaseAsync(app.Services.GetRequiredService<Db>(), title: "断网后恢复");
        await page.WaitForFunctionAsync(
            $"n => document.querySelector(\"{OpenCases}\")?.textContent.replace(/,/g, '') === String(n)", before + 1, new() { Timeout = 30000 });
        Assert.False(await page.IsVisibleAsync(Banner));
        Assert.False(await page.IsVisibleAsync("#components-reconnect-modal"));
        Figures.Record($"silent cut of {Cut.TotalSeconds:0} s: stale banner {bannerSeconds:0.0} s after the cut; banner gone {recoverySeconds:0.0} s after the link came back (page reloaded: {reloaded})");
    }
}
