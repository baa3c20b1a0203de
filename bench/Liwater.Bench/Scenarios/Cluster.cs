using System.Diagnostics;
using System.Globalization;
using Dapper;
using Liwater.Bench.Harness;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Statistics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 8 (issue 12): the 2-node PostgreSQL cluster beside the single SQLite node, in one run (decision 0170).
/// A throwaway PostgreSQL server (tools/pgserver.sh, production durability) and two app nodes started as
/// <c>scale/run.sh</c> starts them (the published app, provider PostgreSql, demo loaded by the nodes into an empty database,
/// Hangfire on PostgreSQL); no HAProxy in the measured path: each client is pointed at its node.
/// (a) hub fan-out with the clients split over both nodes, commits through node A: commit → receipt on the same node
/// and on the other node; (b) the open-loop writer of scenario 3 through both nodes, then the same loop on a single
/// SQLite node; (c) the screen's whole read and the town figures on PostgreSQL and SQLite over the same generated rows.
/// </summary>
internal static class Cluster
{
    private const string Name = "8 cluster";
    private const string Sqlite = "SQLite";
    private const string Postgres = "PostgreSQL";
    private const int Commits = 15;
    private const int GoalRate = 1000;
    private static readonly int[] Rates = [100, 250, 500, GoalRate];
    private static readonly TimeSpan StepLength = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(Paths paths, BenchOptions options, IReadOnlyList<long> sqliteCompounds, Report report)
    {
        await using var pg = await PgServer.StartAsync(paths);
        await using (var admin = new NpgsqlConnection(pg.Superuser))
        {
            var version = await admin.ExecuteScalarAsync<string>("SHOW server_version");
            var fsync = await admin.ExecuteScalarAsync<string>("SHOW fsync");
            var commit = await admin.ExecuteScalarAsync<string>("SHOW synchronous_commit");
            report.Note($"cluster: PostgreSQL {version} on 127.0.0.1 (tools/pgserver.sh; fsync {fsync}, synchronous_commit {commit}), two app nodes, 2 cores shared with the harness");
        }

        Dictionary<int, (double Rate, List<double> Latencies, int Failures)> onPostgres;
        var connection = await pg.CreateEmptyAsync("liwater_cluster");
        await using (var nodes = await StartNodesAsync(paths, connection))
        {
            var (nodeA, nodeB) = (nodes.A, nodes.B);
            List<long> compounds;
            await using (var db = new NpgsqlConnection(connection))
            {
                compounds = (await db.QueryAsync<long>("SELECT id FROM compounds ORDER BY id")).ToList();
            }

            using (var writer = await AppClient.SignInAsync(nodeA.BaseAddress, "admin", AppProcess.AdminPassword))
            {
                await FanOutAsync(nodeA, nodeB, writer, compounds, options.Clients, report);
            }

            var writers = new List<AppClient>();
            for (var i = 0; i < 4; i++)
            {
                writers.Add(await AppClient.SignInAsync((i % 2 == 0 ? nodeA : nodeB).BaseAddress, "admin", AppProcess.AdminPassword));
            }

            onPostgres = await WritesAsync(writers, compounds, "PostgreSQL, 2 nodes (2 HTTP clients on each)", report, judged: true);
            writers.ForEach(w => w.Dispose());
        }

        // The same loop on one SQLite node (the default deployment), with the cluster's nodes stopped.
        Dictionary<int, (double Rate, List<double> Latencies, int Failures)> onSqlite;
        await using (var single = await AppProcess.StartAsync(paths, "cluster-sqlite", paths.DemoDb, jobs: true))
        {
            var writers = new List<AppClient>();
            for (var i = 0; i < 4; i++)
            {
                writers.Add(await AppClient.SignInAsync(single.BaseAddress, "admin", AppProcess.AdminPassword));
            }

            onSqlite = await WritesAsync(writers, sqliteCompounds, "SQLite, 1 node (4 HTTP clients)", report, judged: false);
            writers.ForEach(w => w.Dispose());
        }

        foreach (var rate in Rates.Where(r => onPostgres.ContainsKey(r) && onSqlite.ContainsKey(r)))
        {
            var (p, s) = (onPostgres[rate], onSqlite[rate]);
            report.Add(Name, $"writes at the {rate}/s target: PostgreSQL cluster vs SQLite node, sustained writes/s and p99",
                string.Create(CultureInfo.InvariantCulture, $"{p.Rate:F0} ÷ {s.Rate:F0} /s = **{p.Rate / s.Rate:F2}×**; p99 {Stats.P99(p.Latencies):F1} ÷ {Stats.P99(s.Latencies):F1} ms = **{Stats.P99(p.Latencies) / Stats.P99(s.Latencies):F2}×**"));
        }

        await StatisticsAsync(paths, pg, options.Scale, report);
    }

    /// <summary>Both nodes at once on the empty database, as scale/run.sh starts them: migrated once under the advisory
    /// lock, the demo loaded once (by whichever node takes it), Hangfire's schema created in the same database.</summary>
    private static async Task<Nodes> StartNodesAsync(Paths paths, string connection)
    {
        var watch = Stopwatch.StartNew();
        var starting = new[]
        {
            AppProcess.StartAsync(paths, "cluster-node-a", null, jobs: true, demoData: true, postgres: connection),
            AppProcess.StartAsync(paths, "cluster-node-b", null, jobs: true, demoData: true, postgres: connection),
        };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        Console.WriteLine($"    two nodes on PostgreSQL answering, demo loaded ({watch.Elapsed.TotalSeconds:F1} s)");
        return new Nodes(starting[0].Result, starting[1].Result);
    }

    /// <summary>(a) Clients split half and half over the nodes; cases created through node A one at a time.</summary>
    private static async Task FanOutAsync(AppProcess nodeA, AppProcess nodeB, AppClient writer, List<long> compounds, int clients, Report report)
    {
        await using var onA = new HubClients(nodeA.BaseAddress);
        await using var onB = new HubClients(nodeB.BaseAddress);
        var connecting = Stopwatch.StartNew();
        await onA.GrowToAsync(clients / 2, TimeSpan.FromSeconds(180));
        await onB.GrowToAsync(clients - (clients / 2), TimeSpan.FromSeconds(180));
        Console.WriteLine($"    {onA.Count} hub clients on node A, {onB.Count} on node B ({connecting.Elapsed.TotalSeconds:F1} s)");
        await Task.Delay(1000);
        onA.Clear();
        onB.Clear();
        for (var i = 0; i < Commits; i++)
        {
            await writer.CreateCaseAsync(compounds[i % compounds.Count], $"集群扇出 {i}");
            await Task.Delay(300);
        }

        await Task.Delay(2000);
        var sameNode = onA.Received.ToList();
        var otherNode = onB.Received.ToList();
        // Every change any client saw (the commits, and what the nodes' jobs wrote meanwhile) is due at every client.
        var ids = sameNode.Concat(otherNode).Select(r => r.Id).Distinct().Count();
        var otherLatencies = otherNode.Select(r => r.Received - r.At).ToList();
        report.Add(Name, $"fan-out, commit through node A → receipt on node A (same node), {onA.Count:N0} of {clients:N0} clients, {Commits} commits ({sameNode.Count:N0}/{ids * onA.Count:N0} deliveries)",
            Stats.Summary(sameNode.Select(r => r.Received - r.At)));
        report.Add(Name, $"fan-out, commit through node A → receipt on node B (other node), {onB.Count:N0} of {clients:N0} clients, {Commits} commits ({otherNode.Count:N0}/{ids * onB.Count:N0} deliveries)",
            Stats.Summary(otherLatencies), "p99 ≤ 250 ms, every delivery", Stats.P99(otherLatencies) <= 250 && otherNode.Count == ids * onB.Count);
    }

    /// <summary>(b) The open loop of scenario 3 (no screens) at rising targets; stops rising once p99 passes 2 s.</summary>
    private static async Task<Dictionary<int, (double Rate, List<double> Latencies, int Failures)>> WritesAsync(
        List<AppClient> writers, IReadOnlyList<long> compounds, string who, Report report, bool judged)
    {
        var open = await OpenLoop.SeedAsync(writers[0], compounds);
        var measured = new Dictionary<int, (double Rate, List<double> Latencies, int Failures)>();
        foreach (var rate in Rates)
        {
            var (step, failedByKind) = await OpenLoop.RunStepAsync(writers, compounds, open, rate, StepLength);
            measured[rate] = step;
            var failed = step.Failures == 0 ? "" : $", {step.Failures} failed ({string.Join(", ", failedByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key} ×{k.Value}"))})";
            var p99 = Stats.P99(step.Latencies);
            var goal = judged && rate == GoalRate;
            report.Add(Name, $"writes, {who}, target {rate}/s for {StepLength.TotalSeconds:F0} s: {step.Achieved:F0} writes/s sustained{failed}",
                Stats.Summary(step.Latencies), goal ? "≥ 1,000/s, p99 ≤ 50 ms" : "", goal ? step.Achieved >= GoalRate && p99 <= 50 && step.Failures == 0 : null);
            if (p99 > 2000)
            {
                report.Note($"cluster writes, {who}: stopped rising after {rate}/s (p99 {p99:F0} ms)");
                if (judged && rate < GoalRate)
                {
                    report.Add(Name, $"writes, {who}, target {GoalRate}/s: not reached (stopped at {rate}/s)", "—", "≥ 1,000/s, p99 ≤ 50 ms", false);
                }

                break;
            }
        }

        return measured;
    }

    /// <summary>(c) The reads of scenario 5 on the same generated rows in both engines, in this process through
    /// Liwater.Data; the PostgreSQL copy is made once per SQLite database and kept in bench/out/pg.</summary>
    private static async Task StatisticsAsync(Paths paths, PgServer pg, string scale, Report report)
    {
        var (label, source) = scale switch
        {
            "town" => ("town (demo)", paths.DemoDb),
            "10x" => ("10× town", paths.TenXDb),
            _ => ("city", paths.CityDb),
        };
        var database = $"liwater_stats_{scale}";
        var file = new FileInfo(source);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"copy of {file.Name}, {file.Length} bytes, written {file.LastWriteTimeUtc:O}");
        if (await pg.CommentAsync(database) != stamp)
        {
            Console.WriteLine($"    copying {file.Name} into PostgreSQL (once; kept in bench/out/pg)...");
            var watch = Stopwatch.StartNew();
            await PgCopy.RunAsync(source, await pg.CreateEmptyAsync(database));
            await pg.SetCommentAsync(database, stamp);
            report.Note($"cluster statistics: {label} copied from {file.Name} into PostgreSQL in {watch.Elapsed.TotalSeconds:F0} s (cached in bench/out/pg)");
        }

        var copy = Path.Combine(paths.Out, "runs", "cluster-statistics.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        AppProcess.CopyDatabase(source, copy);
        var town = new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        // PostgreSQL as scale/run.sh connects: Db prepares statements on the server connection (decision 0125).
        var engines = new (string Engine, Db Db)[]
        {
            (Sqlite, new Db(new DatabaseOptions { Path = copy }, NoChangeSignal.Instance, TimeProvider.System)),
            (Postgres, new Db(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = pg.For(database) }, NoChangeSignal.Instance, TimeProvider.System)),
        };
        var screen = new Dictionary<string, List<double>>();
        var figures = new Dictionary<string, List<double>>();
        foreach (var (engine, db) in engines)
        {
            SchemaMigrator.Migrate(db);
            var counts = await db.ReadAsync(c => c.QuerySingleAsync<(long Compounds, long Cases, long Activities)>(
                "SELECT (SELECT COUNT(*) FROM compounds), (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM volunteer_activities)"));
            Console.WriteLine($"    {engine}: {counts.Compounds:N0} compounds, {counts.Cases:N0} cases, {counts.Activities:N0} activities");
            var counters = new LiveCounterQueries(db, town);
            screen[engine] = await Stats.TimeAsync(10, () => counters.GetAsync(TimeSpan.FromHours(24), 8));
            report.Add(Name, $"{label}, {engine}: screen read LiveCounterQueries.GetAsync (counters, map, trends, ticker; {counts.Cases:N0} cases)", Stats.Summary(screen[engine]));
            var statistics = new StatisticsQueries(db, new RatingOptions());
            figures[engine] = await Stats.TimeAsync(5, () => statistics.GetFiguresAsync(StatisticsScope.Town));
            report.Add(Name, $"{label}, {engine}: town figures StatisticsQueries.GetFiguresAsync(town)", Stats.Summary(figures[engine]));
        }

        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        AddRatio(report, $"{label}: screen read p50, {Postgres} ÷ SQLite", screen[Postgres], screen[Sqlite]);
        AddRatio(report, $"{label}: town figures p50, {Postgres} ÷ SQLite", figures[Postgres], figures[Sqlite]);
    }

    private static void AddRatio(Report report, string measure, List<double> postgresTimes, List<double> sqliteTimes)
    {
        var postgres = Stats.Percentile(postgresTimes.Order().ToList(), 0.5);
        var sqlite = Stats.Percentile(sqliteTimes.Order().ToList(), 0.5);
        var ratio = postgres / sqlite;
        report.Add(Name, measure, string.Create(CultureInfo.InvariantCulture, $"{postgres:F1} ÷ {sqlite:F1} ms = **{ratio:F2}×**"), "≤ 2×", ratio <= 2);
    }

    private sealed class Nodes(AppProcess a, AppProcess b) : IAsyncDisposable
    {
        public AppProcess A => a;

        public AppProcess B => b;

        public async ValueTask DisposeAsync()
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }
}
