using Liwater.Bench.Harness;

namespace Liwater.Bench.Scenarios;

/// <summary>Scenario 6: cold start of the app process (jobs on) on a copy of the demo database until /screen answers 200.</summary>
internal static class StartUp
{
    public static async Task RunAsync(Paths paths, Report report)
    {
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var app = await AppProcess.StartAsync(paths, "startup", paths.DemoDb, jobs: true);
            times.Add(app.StartUp.TotalMilliseconds);
        }

        report.Add("6 start-up", "process start → first page (/screen 200), demo database, jobs on, 3 cold starts", Stats.Summary(times), "≤ 2 s", times.Max() <= 2000);
    }
}
