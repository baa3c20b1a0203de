using Liwater.Bench.Harness;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 1: N hub clients; cases created over HTTP by a signed-in user one at a time; latency from each change's
/// commit time (<c>at</c>) to its receipt at every client.
/// </summary>
internal static class HubFanout
{
    public static async Task RunAsync(AppProcess app, AppClient writer, IReadOnlyList<long> compounds, Report report)
    {
        await using var clients = new HubClients(app.BaseAddress);
        foreach (var n in new[] { 100, 1000, 2000 })
        {
            var connecting = System.Diagnostics.Stopwatch.StartNew();
            await clients.GrowToAsync(n, TimeSpan.FromSeconds(120));
            Console.WriteLine($"    {n} hub clients connected ({connecting.Elapsed.TotalSeconds:F1} s)");
            await Task.Delay(500);
            clients.Clear();
            const int commits = 15;
            for (var i = 0; i < commits; i++)
            {
                await writer.CreateCaseAsync(compounds[i % compounds.Count], $"扇出测试 {n}-{i}");
                await Task.Delay(300);
            }

            await Task.Delay(1000);
            var received = clients.Received.ToList();
            var ids = received.Select(r => r.Id).Distinct().Count();
            var latencies = received.Select(r => r.Received - r.At).ToList();
            var expected = ids * n;
            var goal = n == 2000 ? "p99 ≤ 100 ms" : "";
            report.Add("1 hub fan-out", $"commit → receipt, {n:N0} clients, {commits} commits ({received.Count:N0}/{expected:N0} deliveries)",
                Stats.Summary(latencies), goal, n == 2000 ? Stats.P99(latencies) <= 100 && received.Count == expected : null);
        }
    }
}
