using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liwater.Bench.Harness;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 3: with 20 screens open, writes at rising target rates through the HTTP form endpoints, by the open loop
/// of <see cref="OpenLoop"/> (half new cases, half follow-ups; slowness shows as latency).
/// </summary>
internal static partial class WritesUnderLoad
{
    private static readonly int[] Rates = [100, 250, 500, 1000];
    private static readonly TimeSpan StepLength = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(AppProcess app, IReadOnlyList<AppClient> writers, Browser browser, IReadOnlyList<long> compounds, Report report, Paths? baselinePaths = null)
    {
        var measured = new Dictionary<int, (double Rate, List<double> Latencies)>();
        var pages = await browser.OpenScreensAsync(app.ScreenUrl, 20, TimeSpan.FromSeconds(90));
        await Task.Delay(1500);
        var open = await OpenLoop.SeedAsync(writers[0], compounds);
        var loadStart = Stats.NowMs;
        double bestRate = 0;
        var goalMet = false;
        foreach (var rate in Rates)
        {
            var countsBefore = await CommitCountsAsync(writers[0]);
            var (achieved, latencies, failures) = await OpenLoop.RunAsync(writers, compounds, open, rate, StepLength);
            measured[rate] = (achieved, latencies);
            var p99 = Stats.P99(latencies);
            var met = achieved >= 500 && p99 <= 20 && failures == 0;
            goalMet |= met;
            bestRate = Math.Max(bestRate, achieved);
            report.Add("3 writes under load", $"target {rate}/s for {StepLength.TotalSeconds:F0} s, 20 screens open: {achieved:F0} writes/s sustained{(failures > 0 ? $", {failures} failed" : "")}",
                Stats.Summary(latencies), rate == 500 ? "≥ 500/s, p99 ≤ 20 ms" : "", rate == 500 ? met : null);
            if (countsBefore is { } b && await CommitCountsAsync(writers[0]) is { } a && a.Commits > b.Commits)
            {
                // The app's own counters (/healthz, decision 0177): writes per SQLite commit during this step.
                report.Add("3 writes under load", $"target {rate}/s: group commit, writes per SQLite commit ({a.Writes - b.Writes:N0} writes in {a.Commits - b.Commits:N0} commits)",
                    string.Create(CultureInfo.InvariantCulture, $"{(a.Writes - b.Writes) / (double)(a.Commits - b.Commits):F1}"));
            }

            if (p99 > 2000)
            {
                report.Note($"writes: stopped rising after {rate}/s (p99 {p99:F0} ms)");
                break;
            }
        }

        var loadEnd = Stats.NowMs;
        await Task.Delay(3000);
        await ReportScreensAsync(app, pages, loadStart, loadEnd, report);
        if (baselinePaths is not null)
        {
            // The same rows by plain ADO.NET at the same durability, with the same 20 screens still open (idle).
            var plain = await PlainWrites.RunAsync(baselinePaths, compounds, [.. measured.Keys], StepLength);
            foreach (var (rate, (achieved, latencies)) in plain)
            {
                report.Add("3 writes under load", $"baseline: plain ADO.NET transactions, same rows, synchronous = FULL, target {rate}/s: {achieved:F0} writes/s sustained", Stats.Summary(latencies));
                Baselines.AddRatio(report, "3 writes under load", $"write p99 at {rate}/s", Stats.P99(measured[rate].Latencies), Stats.P99(latencies), "ms", judged: rate == 500);
            }

            var top = measured.Keys.Max();
            Baselines.AddRatio(report, "3 writes under load", $"sustained writes/s at the {top}/s target (baseline ÷ Liwater)", plain[top].Rate, measured[top].Rate, "/s", label: "");
        }

        await Browser.CloseAllAsync(pages);
    }

    private static async Task ReportScreensAsync(AppProcess app, List<Microsoft.Playwright.IPage> pages, double loadStart, double loadEnd, Report report)
    {
        // The figure a screen opened now would show, from the server's first render of /screen.
        using var http = new HttpClient();
        var html = await http.GetStringAsync(app.ScreenUrl);
        var expected = CounterPattern().Match(html).Groups[1].Value;
        var upToDate = 0;
        var rates = new List<double>();
        var lags = new List<double>();
        foreach (var page in pages)
        {
            if (await Browser.OpenCasesTextAsync(page) == expected)
            {
                upToDate++;
            }

            var changes = await Browser.ChangesAsync(page);
            var during = changes.Where(c => c.T >= loadStart && c.T <= loadEnd).ToList();
            rates.Add(during.Count / ((loadEnd - loadStart) / 1000));
            var last = changes.Where(c => c.T >= loadStart).Select(c => c.T).DefaultIfEmpty(double.NaN).Max();
            if (!double.IsNaN(last))
            {
                lags.Add(Math.Max(0, last - loadEnd));
            }
        }

        report.Add("3 writes under load", $"screens: counter updates per screen per second during the load (coalesced; {upToDate}/{pages.Count} show the final figure {expected} 3 s after)",
            string.Create(CultureInfo.InvariantCulture, $"{rates.Average():F1}/s (min {rates.Min():F1}, max {rates.Max():F1})"), "screens keep up", upToDate == pages.Count);
        report.Add("3 writes under load", "screens: last counter update after the last write returned", Stats.Summary(lags));
    }

    [GeneratedRegex("data-counter=\"open-cases\"[^>]*>.*?data-value[^>]*>([^<]*)<", RegexOptions.Singleline)]
    private static partial Regex CounterPattern();

    /// <summary>The SQLite writer's commits and the writes they carried, from the app's /healthz (null if unreadable).</summary>
    private static async Task<(long Commits, long Writes)?> CommitCountsAsync(AppClient client)
    {
        try
        {
            // Read the body whatever the status: under load the feed may lag and /healthz answer 503.
            using var response = await client.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var data = json.RootElement.GetProperty("checks").GetProperty("liwater").GetProperty("data");
            return (data.GetProperty("commits").GetInt64(), data.GetProperty("committedWrites").GetInt64());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
