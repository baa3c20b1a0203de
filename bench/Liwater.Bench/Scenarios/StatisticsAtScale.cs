using System.Diagnostics;
using Dapper;
using Liwater.Bench.Harness;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Statistics;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 5: at the town (demo), 10× and city scale — the full statistics snapshot (compute + upsert, as the
/// per-minute job runs it), the screen's counter query (LiveCounterQueries.GetAsync: counters, map, trends, ticker
/// in one round trip) and each counter statement alone, timed in this process through Liwater.Data on a copy of
/// the database; then the first render of /screen (server prerender, one GET) by the real app on that copy.
/// </summary>
internal static class StatisticsAtScale
{
    public static async Task RunAsync(Paths paths, Report report)
    {
        foreach (var (name, source) in new[] { ("town (demo)", paths.DemoDb), ("10× town", paths.TenXDb), ("city", paths.CityDb) })
        {
            var isCity = name == "city";
            var copy = Path.Combine(paths.Out, "runs", "statistics.db");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            AppProcess.CopyDatabase(source, copy);
            var db = new Db(new DatabaseOptions { Path = copy }, NoChangeSignal.Instance, TimeProvider.System);
            SchemaMigrator.Migrate(db);
            var town = new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
            var counts = await db.ReadAsync(c => c.QuerySingleAsync<(long Compounds, long Households, long Cases, long Activities)>(
                "SELECT (SELECT COUNT(*) FROM compounds), (SELECT COUNT(*) FROM households), (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM volunteer_activities)"));
            var scale = $"{name}: {counts.Compounds:N0} compounds, {counts.Households:N0} households, {counts.Cases:N0} cases, {counts.Activities:N0} activities";
            Console.WriteLine($"    {scale}");
            report.Note(scale);

            var snapshots = new SnapshotCommands(db, town);
            var now = town.NowMs;
            var minute = 0;
            var snapshot = await Stats.TimeAsync(5, () => snapshots.TakeAsync(now + (++minute * 60_000L), 7));
            report.Add("5 statistics", $"{name}: full snapshot (compute + write)", Stats.Summary(snapshot), isCity ? "≤ 1 s" : "", isCity ? snapshot.Max() <= 1000 : null);

            // A new LiveCounterQueries has not counted the past days of the open-case trend yet (it keeps them an hour).
            var cold = await Stats.TimeAsync(3, () => new LiveCounterQueries(db, town).GetAsync(TimeSpan.FromHours(24), 8));
            report.Add("5 statistics", $"{name}: screen counter query, first read (past trend days counted)", Stats.Summary(cold));
            var counters = new LiveCounterQueries(db, town);
            var screenRead = await Stats.TimeAsync(10, () => counters.GetAsync(TimeSpan.FromHours(24), 8));
            report.Add("5 statistics", $"{name}: screen counter query LiveCounterQueries.GetAsync (counters, map, trends, ticker)", Stats.Summary(screenRead), isCity ? "p50 ≤ 20 ms" : "", isCity ? Stats.Percentile([.. screenRead.Order()], 0.5) <= 20 : null);

            var today = town.Today;
            var args = new { now, dayStart = town.StartOfDayMs(today), today = TownClock.Iso(today), monthStart = TownClock.Iso(new DateOnly(today.Year, today.Month, 1)) };
            var statements = new List<double>();
            var slowest = ("", 0.0);
            foreach (var (counter, sql) in Measurements.CounterSql)
            {
                var times = await Stats.TimeAsync(10, () => db.ReadAsync(c => c.ExecuteScalarAsync<double>(sql, args)));
                statements.AddRange(times);
                if (Stats.P99(times) > slowest.Item2)
                {
                    slowest = (counter, Stats.P99(times));
                }
            }

            report.Add("5 statistics", $"{name}: each headline counter statement alone ({Measurements.CounterSql.Length} statements; slowest: {slowest.Item1})", Stats.Summary(statements));
            var figures = new StatisticsQueries(db, new RatingOptions());
            var townFigures = await Stats.TimeAsync(3, () => figures.GetFiguresAsync(StatisticsScope.Town));
            report.Add("5 statistics", $"{name}: town figures StatisticsQueries.GetFiguresAsync(town)", Stats.Summary(townFigures),
                isCity ? "p50 ≤ 50 ms" : "", isCity ? Stats.Percentile([.. townFigures.Order()], 0.5) <= 50 : null);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            await using var app = await AppProcess.StartAsync(paths, "statistics-app", copy, jobs: false);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var render = await Stats.TimeAsync(5, async () => (await http.GetAsync(app.ScreenUrl)).EnsureSuccessStatusCode());
            report.Add("5 statistics", $"{name}: first render of /screen (server prerender, GET)", Stats.Summary(render));
        }
    }
}
