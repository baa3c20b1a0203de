using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

/// <summary>
/// Long mode: a wall open for two hours (<c>LIWATER_LONG=1</c>, or <c>LIWATER_SOAK_MINUTES=n</c>) in Chromium against the
/// real app as a process, under one case written a second through HTTP while the map layers rotate and the ticker
/// moves. After a warm-up quarter, the browser's JS heap and DOM node count and the server's memory (one circuit:
/// the process) must stay flat — growth under 5 % an hour — and the last change must be on the wall at the end
/// (a circuit with unacknowledged render batches stops rendering, so a stale ticker would show it).
/// </summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed partial class ScreenSoakTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static bool SoakEnabled => Environment.GetEnvironmentVariable("LIWATER_LONG") == "1" || Environment.GetEnvironmentVariable("LIWATER_SOAK_MINUTES") is not null;

    private static TimeSpan Duration => TimeSpan.FromMinutes(
        double.TryParse(Environment.GetEnvironmentVariable("LIWATER_SOAK_MINUTES"), CultureInfo.InvariantCulture, out var m) ? m : 120);

    [Fact(Skip = "Long mode: set LIWATER_LONG=1 (2 hours) or LIWATER_SOAK_MINUTES", SkipUnless = nameof(SoakEnabled))]
    public async Task Screen_TwoHoursUnderOneChangeASecond_MemoryFlatAndStillRendering()
    {
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        await using var app = await AppProcess.StartAsync(folder, settings: new Dictionary<string, string> { ["Liwater:Screen:LayerRotationSeconds"] = "5" });
        var page = await browser.NewPageAsync(1920, 1080);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/screen?key={AppProcess.ScreenKey}").ToString());
        await BlazorPage.WaitForInteractiveAsync(page);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        using var http = await SignInAsync(app.BaseAddress);

        var clock = Stopwatch.StartNew();
        var samples = new List<(double Hours, double Heap, double Nodes, double Server)>();
        var sampleEvery = Duration < TimeSpan.FromMinutes(10) ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(60);
        var nextSample = TimeSpan.Zero;
        var written = 0;
        var lastTitle = "";
        while (clock.Elapsed < Duration)
        {
            lastTitle = $"SOAK-{written:D6}";
            await CreateAsync(http, lastTitle);
            written++;
            if (clock.Elapsed >= nextSample)
            {
                await cdp.SendAsync("HeapProfiler.collectGarbage");
                var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
                    .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetDouble());
                samples.Add((clock.Elapsed.TotalHours, metrics["JSHeapUsedSize"], metrics["Nodes"], app.ResidentBytes()));
                nextSample += sampleEvery;
            }

            var wait = TimeSpan.FromSeconds(written) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        // Still rendering: the last case written is in the ticker.
        await page.WaitForFunctionAsync("t => document.querySelector(\"[data-testid='ticker']\")?.textContent.includes(t)", lastTitle, new() { Timeout = 30000 });
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("screen-soak-end") });

        var warm = samples.Where(s => s.Hours >= samples[^1].Hours / 4).ToList();
        var heap = GrowthPerHour(warm, s => s.Heap);
        var nodes = GrowthPerHour(warm, s => s.Nodes);
        var server = GrowthPerHour(warm, s => s.Server);
        Figures.Record(string.Create(CultureInfo.InvariantCulture,
            $"soak {Duration.TotalMinutes:0} min, {written} cases written, {samples.Count} samples: JS heap {warm[^1].Heap / 1e6:0.0} MB ({heap:+0.0;-0.0} %/h), DOM nodes {warm[^1].Nodes:0} ({nodes:+0.0;-0.0} %/h), server RSS {warm[^1].Server / 1e6:0} MB ({server:+0.0;-0.0} %/h) after warm-up"));
        if (Duration >= TimeSpan.FromHours(1))
        {
            Assert.True(heap < 5, $"JS heap grows {heap:0.0} %/h");
            Assert.True(nodes < 5, $"DOM nodes grow {nodes:0.0} %/h");
            Assert.True(server < 5, $"server memory grows {server:0.0} %/h");
        }
    }

    /// <summary>Least-squares slope of the metric over time, as a share of its mean, per hour.</summary>
    private static double GrowthPerHour(IReadOnlyList<(double Hours, double Heap, double Nodes, double Server)> samples, Func<(double Hours, double Heap, double Nodes, double Server), double> metric)
    {
        var meanT = samples.Average(s => s.Hours);
        var meanV = samples.Average(metric);
        var covariance = samples.Sum(s => (s.Hours - meanT) * (metric(s) - meanV));
        var variance = samples.Sum(s => (s.Hours - meanT) * (s.Hours - meanT));
        return variance == 0 || meanV == 0 ? 0 : covariance / variance / meanV * 100;
    }

    private static async Task CreateAsync(SignedIn client, string title)
    {
        using var response = await client.Http.PostAsync("/cases/create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = client.Token,
            ["CompoundId"] = "1",
            ["Category"] = "public_facilities",
            ["Title"] = title,
            ["Description"] = "长时间运行测试。",
            ["SourceChannel"] = "hotline",
            ["Level"] = "compound",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<SignedIn> SignInAsync(Uri baseAddress)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var token = Token(await http.GetStringAsync("/login"));
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Username"] = "admin", ["Password"] = AppProcess.AdminPassword, ["ReturnUrl"] = "/cases",
        }));
        return new SignedIn(http, Token(await http.GetStringAsync("/cases")));
    }

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed record SignedIn(HttpClient Http, string Token) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }
}
