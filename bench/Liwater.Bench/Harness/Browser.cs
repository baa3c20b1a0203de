using System.Text.Json;
using Microsoft.Playwright;

namespace Liwater.Bench.Harness;

/// <summary>
/// Debian's headless Chromium through Playwright, launched as the app's browser tests launch it (never a downloaded
/// browser). Screen pages carry a MutationObserver that records, on the page's own clock
/// (performance.timeOrigin + performance.now()), each new text of the open-case counter.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string OpenCasesSelector = "[data-counter=\"open-cases\"] [data-value]";

    private const string RecorderScript =
        """
        window.__benchChanges = [];
        (() => {
          let last = null;
          const check = () => {
            const el = document.querySelector('[data-counter="open-cases"] [data-value]');
            if (!el) return;
            const v = el.textContent;
            if (v !== last) {
              if (last !== null) window.__benchChanges.push({ t: performance.timeOrigin + performance.now(), v });
              last = v;
            }
          };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
        })();
        """;

    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        this.playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
                // Timers of pages that are not in front must not be throttled: every screen is "on the wall".
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                // No reduced motion: the wall is measured as it runs, pulse included (issue 15, decision 0181).
            ],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>Opens M screen pages (own context each, like separate wall screens) and waits until each circuit is live.</summary>
    public async Task<List<IPage>> OpenScreensAsync(string url, int count, TimeSpan limit)
    {
        var pages = new List<IPage>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(5))
        {
            pages.AddRange(await Task.WhenAll(chunk.Select(async _ =>
            {
                var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
                {
                    ViewportSize = new ViewportSize { Width = 1280, Height = 720 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
                });
                await context.AddInitScriptAsync(RecorderScript);
                var page = await context.NewPageAsync();
                await page.GotoAsync(url, new PageGotoOptions { Timeout = (float)limit.TotalMilliseconds });
                await page.WaitForSelectorAsync("[data-interactive=\"true\"]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = (float)limit.TotalMilliseconds });
                return page;
            })));
        }

        return pages;
    }

    /// <summary>The (time, text) changes of the open-case counter recorded on a page since it opened.</summary>
    public static async Task<List<(double T, string V)>> ChangesAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.__benchChanges");
        return json.EnumerateArray().Select(e => (e.GetProperty("t").GetDouble(), e.GetProperty("v").GetString() ?? "")).ToList();
    }

    public static Task<string> OpenCasesTextAsync(IPage page) => page.Locator(OpenCasesSelector).TextContentAsync().ContinueWith(t => t.Result ?? "", TaskScheduler.Default);

    public static async Task CloseAllAsync(IEnumerable<IPage> pages)
    {
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        playwright.Dispose();
    }
}
