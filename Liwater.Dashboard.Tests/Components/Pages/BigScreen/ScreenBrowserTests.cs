using System.Net;
using System.Net.Sockets;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

/// <summary>The wall screen in headless Chromium against the real app: live updates and self-healing.</summary>
[Collection(AppCollection.Name)]
public sealed class ScreenBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Key = "demo-screen-key";
    private const string OpenCases = "[data-counter='open-cases'] [data-value]";
    private const string Banner = "[data-testid='stale-banner']";

    [Fact]
    public async Task Screen_CaseCommitted_OpenCaseCounterChangesWithoutReload()
    {
        using var app = NewApp();
        var page = await OpenScreenAsync(app.BaseAddress);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("screen-grid") });
        var before = await CountAsync(page);
        await page.EvaluateAsync("() => window.liwaterSamePage = true");
        // The overdue frames pulse as one layer over the map, stepped by the page's script (decision 0181). The layer
        // element lives as long as the page, so live updates never restart the pulse.
        var frames = await page.EvaluateAsync<int>(
            "() => { window.liwaterPulse = document.querySelector('.overdue-layer'); return window.liwaterPulse.querySelectorAll('.overdue-frame').length; }");
        Assert.True(frames > 0, "the demo town has compounds with overdue cases");

        await TestWrites.OpenCaseAsync(app.Services.GetRequiredService<Db>(), dueAt: 0, title: "楼道灯不亮");

        await page.WaitForFunctionAsync(
            $"n => document.querySelector(\"{OpenCases}\")?.textContent.replace(/,/g, '') === String(n)", before + 1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.liwaterSamePage === true"));
        Assert.Contains("楼道灯不亮", await page.InnerTextAsync("[data-testid='ticker']"), StringComparison.Ordinal);
        Assert.False(await page.IsVisibleAsync(Banner));
        Assert.False(await page.IsVisibleAsync("#components-reconnect-modal"));

        // The other layers, for the screenshots to be looked at (rotation is 4 s in this test).
        foreach (var layer in new[] { "OpenCases", "VolunteerHours" })
        {
            await page.WaitForSelectorAsync($"svg.screen-map[data-layer='{layer}']", new() { Timeout = 15000 });
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"screen-{layer.ToLowerInvariant()}") });
        }

        // After a live update and two layer changes (every tile's markup replaced), the same layer pulses on, by its
        // opacity alone and with no CSS animation on the page (which would make the browser draw 60 frames a second),
        // and each frame sits on its compound's tile (same centre, nearly its width).
        Assert.True(await page.EvaluateAsync<bool>("() => window.liwaterPulse.isConnected"), "the pulsing layer was kept");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => document.getAnimations().map(a => a.animationName ?? String(a))"));
        Assert.True((await OpacitiesAsync(page)).Distinct().Count() >= 3, "the layer's opacity steps");
        var misplaced = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('.overdue-layer .overdue-frame')].filter(f => {
              const frame = f.getBoundingClientRect();
              const tile = document.querySelector(`svg.screen-map [data-compound='${f.dataset.compound}']`)?.getBoundingClientRect();
              const centre = r => [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
              return !tile || centre(tile).some((c, i) => Math.abs(c - centre(frame)[i]) > 2) || frame.width < tile.width * 0.9;
            }).map(f => f.dataset.compound)
            """);
        Assert.Empty(misplaced);
    }

    [UiTest]
    [Fact]
    public async Task Screen_At1920x1080_NoTextBelow18PxTickerTitlesWholeAndTileNamesInsideTheirTiles()
    {
        using var app = NewApp();
        var db = app.Services.GetRequiredService<Db>();
        _ = app.BaseAddress;
        // Four events with the longest titles the demo data has, so the ticker shows case titles, not only codes.
        foreach (var title in new[] { "家中水管爆裂请求维修", "楼上漏水引发邻里纠纷", "地下车库照明不足", "小区东门路灯不亮" })
        {
            await TestWrites.OpenCaseAsync(db, title: "LS-2026-9999 " + title);
        }

        var page = await OpenScreenAsync(app.BaseAddress);
        await Assertions.Expect(page.Locator("[data-testid='ticker'] li")).ToHaveCountAsync(4);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("screen-wall") });

        var sizes = await page.EvaluateAsync<TextSize[]>(
            """
            () => {
              const out = [];
              const walker = document.createTreeWalker(document.querySelector('.screen'), NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const node = walker.currentNode;
                const el = node.parentElement;
                if (!node.textContent.trim() || !el || el.getClientRects().length === 0 || el.closest('.stale-banner')) continue;
                let px = parseFloat(getComputedStyle(el).fontSize);
                if (el instanceof SVGElement) px *= (el.closest('text') || el).getScreenCTM().a;
                out.push({ text: node.textContent.trim().slice(0, 24), px });
              }
              return out;
            }
            """);
        var tooSmall = sizes.Where(s => s.Px < 18 - 0.01).Select(s => $"{s.Text} {s.Px:0.0}px").ToList();
        var cutTitles = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.ticker-text')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)");
        var hiddenRows = await page.EvaluateAsync<int>(
            "() => { const t = document.querySelector('.ticker').getBoundingClientRect(); return [...document.querySelectorAll('.ticker li')].filter(li => li.getBoundingClientRect().bottom > t.bottom + 1).length; }");
        var overflowingNames = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('g.compound')].filter(g => {
              const rect = g.querySelector('rect').getBBox(), name = g.querySelector('.tile-name').getBBox();
              // Horizontally the whole name; vertically its middle (a CJK font's box is about 1.45 em tall, more than the ink).
              const middle = name.y + name.height / 2;
              return name.x < rect.x - 1 || name.x + name.width > rect.x + rect.width + 1 || middle < rect.y || middle > rect.y + rect.height;
            }).map(g => g.querySelector('.tile-name').textContent)
            """);

        Assert.True(sizes.Length > 100, $"only {sizes.Length} texts measured");
        Assert.Empty(tooSmall);
        Assert.Empty(cutTitles);
        Assert.Equal(0, hiddenRows);
        Assert.Empty(overflowingNames);
    }

    [UiTest]
    [Fact]
    public async Task Screen_HostRestartedOnSamePort_RecoversAndStaleBannerDisappears()
    {
        var port = FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        IPage page;
        using (var first = NewApp(folder, port))
        {
            page = await OpenScreenAsync(first.BaseAddress);
            await page.EvaluateAsync("() => window.liwaterBeforeRestart = true");
        }

        await page.WaitForSelectorAsync(Banner, new() { State = WaitForSelectorState.Visible, Timeout = 40000 });
        Assert.Contains("过时", await page.InnerTextAsync(Banner), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("screen-stale") });

        using var second = NewApp(folder, port);
        Assert.Equal(port, second.BaseAddress.Port);

        // Recovered = a fresh page (the server dropped the old circuit), interactive, figures shown, no banner.
        await page.WaitForFunctionAsync(
            "() => window.liwaterBeforeRestart === undefined && document.querySelector('[data-interactive=\"true\"]') !== null",
            null, new() { Timeout = 90000, PollingInterval = 500 });
        await page.WaitForSelectorAsync(OpenCases);
        Assert.False(await page.IsVisibleAsync(Banner));
        Assert.False(await page.IsVisibleAsync("#components-reconnect-modal"));
    }

    private static LiwaterAppFactory NewApp(string? folder = null, int port = 0)
    {
        var app = new LiwaterAppFactory(folder, port);
        app.Settings["Liwater:Screen:LayerRotationSeconds"] = "4";
        return app;
    }

    [Fact]
    public async Task Screen_ReducedMotionAsked_OverdueLayerStaysSteady()
    {
        using var app = NewApp();
        var page = await OpenScreenAsync(app.BaseAddress, ReducedMotion.Reduce);

        Assert.Equal(["1"], (await OpacitiesAsync(page)).Distinct());
    }

    /// <summary>The overdue layer's computed opacity, read 8 times 150 ms apart (a pulse step is 200 ms).</summary>
    private static async Task<string[]> OpacitiesAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            async () => {
              const out = [];
              for (let i = 0; i < 8; i++) {
                out.push(getComputedStyle(document.querySelector('.overdue-layer')).opacity);
                await new Promise(r => setTimeout(r, 150));
              }
              return out;
            }
            """);

    private async Task<IPage> OpenScreenAsync(Uri baseAddress, ReducedMotion motion = ReducedMotion.NoPreference)
    {
        var page = await browser.NewPageAsync(1920, 1080);
        await page.EmulateMediaAsync(new() { ReducedMotion = motion });
        await page.GotoAsync(new Uri(baseAddress, $"/screen?key={Key}").ToString());
        await BlazorPage.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync(OpenCases);
        return page;
    }

    private static async Task<long> CountAsync(IPage page) =>
        long.Parse((await page.InnerTextAsync(OpenCases)).Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One text node on the wall and the size it is drawn at, in CSS pixels.</summary>
public sealed record TextSize
{
    public string Text { get; init; } = "";

    public double Px { get; init; }
}
