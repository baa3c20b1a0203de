using Liwater.Bench.Harness;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 2: M screen pages in Chromium; cases created over HTTP one a second; latency from each change's commit
/// time (<c>at</c>, as the hub delivers it) to the moment the open-case counter's DOM text changed on each page.
/// Then the same with the bare baseline's Blazor page (one counter pushed per commit) in as many pages.
/// </summary>
internal static class ScreenLatency
{
    private static readonly int[] Sizes = [5, 20];

    public static async Task RunAsync(AppProcess app, AppClient writer, Browser browser, IReadOnlyList<long> compounds, Report report, BaselineProcess? baseline = null)
    {
        Dictionary<int, List<double>> liwater;
        await using (var listener = new HubClients(app.BaseAddress))
        {
            liwater = await MeasureAsync(browser, app.ScreenUrl, listener, (m, i) => writer.CreateCaseAsync(compounds[i % compounds.Count], $"大屏测试 {m}-{i}"), "", report);
        }

        if (baseline is null)
        {
            return;
        }

        await using var bareListener = HubClients.ForHub(baseline.HubUrl);
        var bare = await MeasureAsync(browser, baseline.CounterUrl, bareListener, (_, _) => baseline.CommitAsync(), "baseline: bare Blazor counter page, ", report);
        foreach (var m in Sizes)
        {
            Baselines.AddRatio(report, "2 screens", $"commit → DOM p99, {m} pages", Stats.P99(liwater[m]), Stats.P99(bare[m]), "ms", judged: m == 20);
        }
    }

    private static async Task<Dictionary<int, List<double>>> MeasureAsync(
        Browser browser, string url, HubClients listener, Func<int, int, Task> commit, string who, Report report)
    {
        var results = new Dictionary<int, List<double>>();
        await listener.GrowToAsync(1, TimeSpan.FromSeconds(30));
        foreach (var m in Sizes)
        {
            var pages = await browser.OpenScreensAsync(url, m, TimeSpan.FromSeconds(60));
            await Task.Delay(1500);
            var commits = new List<long>();
            const int count = 10;
            for (var i = 0; i < count; i++)
            {
                listener.Clear();
                await commit(m, i);
                commits.Add(await FirstAtAsync(listener));
                // Longer than the feed's coalescing window (250 ms) and a screen re-read, so each commit is seen alone.
                await Task.Delay(1000);
            }

            var latencies = new List<double>();
            var missed = 0;
            foreach (var page in pages)
            {
                var changes = await Browser.ChangesAsync(page);
                for (var k = 0; k < commits.Count; k++)
                {
                    var next = k + 1 < commits.Count ? commits[k + 1] : double.MaxValue;
                    var seen = changes.Where(c => c.T >= commits[k] && c.T < next).Select(c => c.T).DefaultIfEmpty(double.NaN).Min();
                    if (double.IsNaN(seen))
                    {
                        missed++;
                    }
                    else
                    {
                        latencies.Add(seen - commits[k]);
                    }
                }
            }

            results[m] = latencies;
            var judged = who.Length == 0 && m == 20;
            report.Add("2 screens", $"{who}commit → DOM, {m} screens, {count} commits{(missed > 0 ? $", {missed} not shown" : "")}",
                Stats.Summary(latencies), judged ? "p99 ≤ 250 ms" : "", judged ? Stats.P99(latencies) <= 250 && missed == 0 : null);
            await Browser.CloseAllAsync(pages);
        }

        return results;
    }

    /// <summary>The commit time of the first change the listener received after the write (bounded wait).</summary>
    public static async Task<long> FirstAtAsync(HubClients listener)
    {
        for (var i = 0; i < 500; i++)
        {
            if (listener.Received.TryPeek(out var first))
            {
                return first.At;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The live hub did not deliver the change within 5 s.");
    }
}
