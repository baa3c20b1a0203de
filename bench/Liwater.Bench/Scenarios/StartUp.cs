using Liwater.Bench.Harness;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 6: cold starts of the app process (jobs on) until /screen answers 200: on a fresh copy of the demo
/// database (a first start, or one after a restore: the full integrity check runs), then a restart on the same folder
/// after that process stopped cleanly (SIGTERM), as an installed app restarts (decision 0184); alternating with cold
/// starts of the bare baseline server until its Blazor page answers 200, all polled every 20 ms. The goal and the ratio
/// are judged on the restart.
/// </summary>
internal static class StartUp
{
    private const int Starts = 5;
    private const string Folder = "startup";

    public static async Task RunAsync(Paths paths, Report report)
    {
        var copied = new List<double>();
        var restarts = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < Starts; i++)
        {
            await using (var app = await AppProcess.StartAsync(paths, Folder, paths.DemoDb, jobs: true))
            {
                copied.Add(app.StartUp.TotalMilliseconds);
            }

            await using (var app = await AppProcess.StartAsync(paths, Folder, paths.DemoDb, jobs: true, restart: true))
            {
                restarts.Add(app.StartUp.TotalMilliseconds);
            }

            await using var baseline = await BaselineProcess.StartAsync(paths, "startup-baseline");
            bare.Add(baseline.StartUp.TotalMilliseconds);
        }

        var p50 = Stats.Percentile([.. restarts.Order()], 0.5);
        report.Add("6 start-up", $"process start → first page (/screen 200), demo database copied fresh (integrity check of every page), jobs on, {Starts} cold starts", Stats.Summary(copied));
        report.Add("6 start-up", $"process start → first page (/screen 200), restart after a clean stop (same folder), jobs on, {Starts} cold starts", Stats.Summary(restarts), "p50 ≤ 1 s", p50 <= 1000);
        report.Add("6 start-up", $"baseline: bare Blazor Server app, process start → first page (/counter 200), {Starts} cold starts", Stats.Summary(bare));
        Baselines.AddRatio(report, "6 start-up", "start-up p50 (restart)", p50, Stats.Percentile([.. bare.Order()], 0.5), "ms");
    }
}
