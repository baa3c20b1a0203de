using Liwater.Bench.Harness;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 6: cold start of the app process (jobs on) on a copy of the demo database until /screen answers 200,
/// alternating with cold starts of the bare baseline server until its Blazor page answers 200, both polled every 20 ms.
/// </summary>
internal static class StartUp
{
    private const int Starts = 5;

    public static async Task RunAsync(Paths paths, Report report)
    {
        var liwater = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < Starts; i++)
        {
            await using (var app = await AppProcess.StartAsync(paths, "startup", paths.DemoDb, jobs: true))
            {
                liwater.Add(app.StartUp.TotalMilliseconds);
            }

            await using var baseline = await BaselineProcess.StartAsync(paths, "startup-baseline");
            bare.Add(baseline.StartUp.TotalMilliseconds);
        }

        var p50 = Stats.Percentile([.. liwater.Order()], 0.5);
        report.Add("6 start-up", $"process start → first page (/screen 200), demo database, jobs on, {Starts} cold starts", Stats.Summary(liwater), "p50 ≤ 1 s", p50 <= 1000);
        report.Add("6 start-up", $"baseline: bare Blazor Server app, process start → first page (/counter 200), {Starts} cold starts", Stats.Summary(bare));
        Baselines.AddRatio(report, "6 start-up", "start-up p50", p50, Stats.Percentile([.. bare.Order()], 0.5), "ms");
    }
}
