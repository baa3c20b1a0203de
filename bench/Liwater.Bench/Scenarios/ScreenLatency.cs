using Liwater.Bench.Harness;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 2: M screen pages in Chromium; cases created over HTTP one a second; latency from each change's commit
/// time (<c>at</c>, as the hub delivers it) to the moment the open-case counter's DOM text changed on each page.
/// </summary>
internal static class ScreenLatency
{
    public static async Task RunAsync(AppProcess app, AppClient writer, Browser browser, IReadOnlyList<long> compounds, Report report)
    {
        await using var listener = new HubClients(app.BaseAddress);
        await listener.GrowToAsync(1, TimeSpan.FromSeconds(30));
        foreach (var m in new[] { 5, 20 })
        {
            var pages = await browser.OpenScreensAsync(app.ScreenUrl, m, TimeSpan.FromSeconds(60));
            await Task.Delay(1500);
            var commits = new List<long>();
            const int count = 10;
            for (var i = 0; i < count; i++)
            {
                listener.Clear();
                await writer.CreateCaseAsync(compounds[i % compounds.Count], $"大屏测试 {m}-{i}");
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

            report.Add("2 screens", $"commit → DOM, {m} screens, {count} commits{(missed > 0 ? $", {missed} not shown" : "")}",
                Stats.Summary(latencies), m == 20 ? "p99 ≤ 250 ms" : "", m == 20 ? Stats.P99(latencies) <= 250 && missed == 0 : null);
            await Browser.CloseAllAsync(pages);
        }
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
