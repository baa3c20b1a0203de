using Liwater.Bench.Harness;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 1: N hub clients; cases created over HTTP by a signed-in user one at a time; latency from each change's
/// commit time (<c>at</c>) to its receipt at every client. Then the same clients, N and commits against the bare
/// baseline (a minimal hub broadcasting one message per commit), and the ratio of the p99s.
/// </summary>
internal static class HubFanout
{
    private static readonly int[] Sizes = [100, 1000, 2000];

    public static async Task RunAsync(AppProcess app, AppClient writer, IReadOnlyList<long> compounds, Report report, BaselineProcess? baseline = null)
    {
        Dictionary<int, List<double>> liwater;
        await using (var clients = new HubClients(app.BaseAddress))
        {
            liwater = await MeasureAsync(clients, (n, i) => writer.CreateCaseAsync(compounds[i % compounds.Count], $"扇出测试 {n}-{i}"), "Liwater", report);
        }

        if (baseline is null)
        {
            return;
        }

        await using var bare = HubClients.ForHub(baseline.HubUrl);
        var bareLatencies = await MeasureAsync(bare, (_, _) => baseline.CommitAsync(), "baseline: bare SignalR hub", report);
        foreach (var n in Sizes)
        {
            Baselines.AddRatio(report, "1 hub fan-out", $"commit → receipt p99, {n:N0} clients", Stats.P99(liwater[n]), Stats.P99(bareLatencies[n]), "ms", judged: n == 2000);
        }
    }

    private static async Task<Dictionary<int, List<double>>> MeasureAsync(HubClients clients, Func<int, int, Task> commit, string who, Report report)
    {
        var results = new Dictionary<int, List<double>>();
        foreach (var n in Sizes)
        {
            var connecting = System.Diagnostics.Stopwatch.StartNew();
            await clients.GrowToAsync(n, TimeSpan.FromSeconds(120));
            Console.WriteLine($"    {who}: {n} hub clients connected ({connecting.Elapsed.TotalSeconds:F1} s)");
            await Task.Delay(500);
            clients.Clear();
            const int commits = 15;
            for (var i = 0; i < commits; i++)
            {
                await commit(n, i);
                await Task.Delay(300);
            }

            await Task.Delay(1000);
            var received = clients.Received.ToList();
            var ids = received.Select(r => r.Id).Distinct().Count();
            var latencies = received.Select(r => r.Received - r.At).ToList();
            results[n] = latencies;
            var expected = ids * n;
            var isLiwater = who == "Liwater";
            var goal = isLiwater && n == 2000 ? "p99 ≤ 100 ms" : "";
            report.Add("1 hub fan-out", $"{(isLiwater ? "" : who + ", ")}commit → receipt, {n:N0} clients, {commits} commits ({received.Count:N0}/{expected:N0} deliveries)",
                Stats.Summary(latencies), goal, isLiwater && n == 2000 ? Stats.P99(latencies) <= 100 && received.Count == expected : null);
        }

        return results;
    }
}
