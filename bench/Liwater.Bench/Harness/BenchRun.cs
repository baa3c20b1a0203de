using System.Diagnostics;
using Dapper;
using Liwater.Bench.Scenarios;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Data.Sqlite;

namespace Liwater.Bench.Harness;

/// <summary>
/// `all`: prepares the databases (cached in bench/out), then runs the eight scenarios against the real app and prints
/// the markdown table (also written to bench/out/results.md). A scenario that fails is reported as a row and the run
/// goes on.
/// </summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var total = Stopwatch.StartNew();
        var paths = Paths.Find();
        if (!File.Exists(paths.DashboardDll))
        {
            Console.Error.WriteLine($"Publish the app first (missing {paths.DashboardDll}); bench/run.sh does.");
            return 2;
        }

        Directory.CreateDirectory(paths.Out);
        await PrepareDatabasesAsync(paths, options);
        EnsureTools(paths);
        var compounds = ReadCompounds(paths.DemoDb);
        var report = new Report();
        var only = options.Only;
        bool Want(string s) => only.Length == 0 || only.Contains(s, StringComparer.Ordinal);

        if (Want("6"))
        {
            await Guard(report, "6 start-up", () => StartUp.RunAsync(paths, report));
        }

        if (Want("1") || Want("2") || Want("3"))
        {
            await using var app = await AppProcess.StartAsync(paths, "live", paths.DemoDb, jobs: true);
            using var writer = await AppClient.SignInAsync(app.BaseAddress, "admin", AppProcess.AdminPassword);
            await using var browser = await Browser.LaunchAsync();
            // The bare baselines of issue 15, measured in the same run beside each figure (bench/Liwater.Bench.Baseline).
            await using var baseline = await BaselineProcess.StartAsync(paths, "baseline");
            if (Want("1"))
            {
                await Guard(report, "1 hub fan-out", () => HubFanout.RunAsync(app, writer, compounds, report, baseline));
            }

            if (Want("2"))
            {
                await Guard(report, "2 screens", () => ScreenLatency.RunAsync(app, writer, browser, compounds, report, baseline));
            }

            if (Want("3"))
            {
                var writers = new List<AppClient>();
                for (var i = 0; i < 4; i++)
                {
                    writers.Add(await AppClient.SignInAsync(app.BaseAddress, "admin", AppProcess.AdminPassword));
                }

                await Guard(report, "3 writes under load", () => WritesUnderLoad.RunAsync(app, writers, browser, compounds, report, paths));
                writers.ForEach(w => w.Dispose());
            }
        }

        if (Want("4"))
        {
            await using var browser = await Browser.LaunchAsync();
            await Guard(report, "4 memory", () => MemoryPerCircuit.RunAsync(paths, browser, report, withBaseline: true));
        }

        if (Want("5"))
        {
            await Guard(report, "5 statistics", () => StatisticsAtScale.RunAsync(paths, report));
        }

        if (Want("7"))
        {
            await Guard(report, "7 reports", () => ReportsAtScale.RunAsync(paths, report));
        }

        if (Want("8"))
        {
            // Installs and starts PostgreSQL with tools/pgserver.sh like the tests; where that cannot work (no apt, no
            // root) the scenario's row says why and the rest of the run stands.
            await Guard(report, "8 cluster", () => Cluster.RunAsync(paths, options, compounds, report));
        }

        var markdown = report.ToMarkdown(total.Elapsed);
        await File.WriteAllTextAsync(Path.Combine(paths.Out, "results.md"), markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        return 0;
    }

    private static async Task Guard(Report report, string scenario, Func<Task> run)
    {
        Console.WriteLine($"== {scenario}");
        var watch = Stopwatch.StartNew();
        try
        {
            await run();
        }
        catch (Exception e)
        {
            report.Add(scenario, "scenario failed", $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", "", false);
        }

        Console.WriteLine($"   ({watch.Elapsed.TotalSeconds:F0} s)");
    }

    /// <summary>The demo database as the app loads it, the 10× town and the city: made once, reused while present.</summary>
    private static async Task PrepareDatabasesAsync(Paths paths, BenchOptions options)
    {
        if (!File.Exists(paths.DemoDb))
        {
            Console.WriteLine("Creating the demo database (the app loads the demo data into an empty database)...");
            string made;
            await using (var app = await AppProcess.StartAsync(paths, "demo-create", null, jobs: false, demoData: true))
            {
                made = Path.Combine(app.Folder, "liwater.db");
            }

            SqliteConnection.ClearAllPools();
            AppProcess.CopyDatabase(made, paths.DemoDb);
        }

        // 10×: ten times the demo's 43 compounds at the generator's city density per compound. Only the scenarios
        // that read them wait for them (5: both; 7: the city; 8: the one --scale names).
        bool Want(string s) => options.Only.Length == 0 || options.Only.Contains(s, StringComparer.Ordinal);
        var perCompound = (Households: 1000, Cases: 500, Activities: 2500);
        if (Want("5") || (Want("8") && options.Scale == "10x"))
        {
            Generate(paths.TenXDb, new BenchOptions { Compounds = 430, Households = 430 * perCompound.Households, Cases = 430 * perCompound.Cases, Activities = 430 * perCompound.Activities });
        }

        if (Want("5") || Want("7") || (Want("8") && options.Scale == "city"))
        {
            Generate(paths.CityDb, options);
        }

        // Databases cached by an older build: apply the newer migrations once here (the aggregates of 0022 take
        // seconds at city scale), not in every copy a scenario makes.
        foreach (var cached in new[] { paths.DemoDb, paths.TenXDb, paths.CityDb }.Where(File.Exists))
        {
            var applied = SchemaMigrator.Migrate(new Db(new DatabaseOptions { Path = cached }, NoChangeSignal.Instance, TimeProvider.System));
            if (applied.Count > 0)
            {
                Console.WriteLine($"Migrated {Path.GetFileName(cached)}: {string.Join(", ", applied)}");
                using var connection = new SqliteConnection($"Data Source={cached};Pooling=False");
                connection.Open();
                connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
            }

            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Generates under a temporary name and renames at the end, so an interrupted run leaves no half database.</summary>
    private static void Generate(string path, BenchOptions options)
    {
        if (File.Exists(path))
        {
            return;
        }

        var partial = path + ".partial";
        Generator.Run(options with { DbPath = partial });
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={partial};Pooling=False"))
        {
            connection.Open();
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        File.Move(partial, path);
    }

    private static void EnsureTools(Paths paths)
    {
        if (File.Exists(Path.Combine(paths.Tools, "dotnet-gcdump")))
        {
            return;
        }

        // Managed-heap readings in scenario 4 need dotnet-gcdump (a NuGet tool); without it only the resident set is reported.
        using var install = Process.Start("dotnet", ["tool", "install", "--tool-path", paths.Tools, "dotnet-gcdump"]);
        install.WaitForExit(120_000);
    }

    private static List<long> ReadCompounds(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        return connection.Query<long>("SELECT id FROM compounds ORDER BY id").ToList();
    }
}
