using System.Diagnostics;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Statistics;

namespace Liwater.Bench;

/// <summary>Times the statistics snapshot, the town figures and the live counter queries; prints p50 and p99.</summary>
internal static class Measurements
{
    public static async Task RunAsync(BenchOptions options)
    {
        var db = new Db(new DatabaseOptions { Path = options.DbPath }, NoChangeSignal.Instance, TimeProvider.System);
        var migrating = Stopwatch.StartNew();
        var applied = SchemaMigrator.Migrate(db);
        Console.WriteLine($"Migrated ({string.Join(", ", applied)}) in {migrating.Elapsed.TotalSeconds:F1} s");
        var town = new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var snapshots = new SnapshotCommands(db, town);
        var statistics = new StatisticsQueries(db, new RatingOptions());
        await using (var connection = await db.OpenAsync())
        {
            var counts = await connection.QuerySingleAsync<(long Compounds, long Households, long Cases, long Activities)>(
                "SELECT (SELECT COUNT(*) FROM compounds), (SELECT COUNT(*) FROM households), (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM volunteer_activities)");
            Console.WriteLine($"Database {options.DbPath}: {counts.Compounds:N0} compounds, {counts.Households:N0} households, {counts.Cases:N0} cases, {counts.Activities:N0} activities");
        }

        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var minute = 0;
        Console.WriteLine($"{options.Runs} runs each, after one warm-up run (ms):");
        await TimeAsync("statistics snapshot (compute + write, new minute each run)", options.Runs, () => snapshots.TakeAsync(now + (++minute * 60_000L), 7));
        await TimeAsync("statistics snapshot (compute only)", options.Runs, () => snapshots.ComputeAsync(now));
        await TimeAsync("StatisticsQueries.GetFiguresAsync(town)", Math.Min(options.Runs, 5), () => statistics.GetFiguresAsync(StatisticsScope.Town));
        var counters = new LiveCounterQueries(db, town);
        await TimeAsync("LiveCounterQueries.GetAsync (whole screen read)", options.Runs, () => counters.GetAsync(TimeSpan.FromHours(24), 8));
        var territory = new Liwater.Data.Territory.TerritoryQueries(db);
        await TimeAsync("TerritoryQueries.ListCompoundsAsync", options.Runs, () => territory.ListCompoundsAsync());
        await TimeAsync("AggregateCheck.CheckAsync (full recount, nightly)", 1, () => new AggregateCheck(db).CheckAsync());
        await TimeAsync("StatisticsQueries.GetFiguresAsync(one community)", options.Runs, () => statistics.GetFiguresAsync(StatisticsScope.Community(1)));
        await TimeAsync("StatisticsQueries.GetFiguresAsync(one compound)", options.Runs, () => statistics.GetFiguresAsync(StatisticsScope.Compound(1)));

        var today = town.Today;
        var args = new { now, dayStart = town.StartOfDayMs(today), today = TownClock.Iso(today), monthStart = TownClock.Iso(new DateOnly(today.Year, today.Month, 1)) };
        foreach (var (name, sql) in CounterSql)
        {
            await TimeAsync($"counter: {name}", options.Runs * 5, async () =>
            {
                await using var connection = await db.OpenAsync();
                return await connection.ExecuteScalarAsync<double>(sql, args);
            });
        }
    }

    // The counters the big screen shows live, as plain statements over the indexed columns (LiveCounterQueries, written
    // on the screen branch, should time the same way: add it here when it lands on main).
    internal static readonly (string Name, string Sql)[] CounterSql =
    [
        ("open cases", "SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress')"),
        ("open cases past deadline", "SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress') AND due_at < @now"),
        ("open cases at town level", "SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress') AND level = 'town'"),
        ("resolved today", "SELECT COUNT(*) FROM cases WHERE resolved_at >= @dayStart AND resolved_at <= @now"),
        ("volunteer hours today", "SELECT COALESCE(SUM(hours * people), 0.0) FROM volunteer_activities WHERE occurred_on = @today"),
        ("volunteer hours this month", "SELECT COALESCE(SUM(hours * people), 0.0) FROM volunteer_activities WHERE occurred_on >= @monthStart AND occurred_on <= @today"),
    ];

    private static async Task TimeAsync<T>(string name, int runs, Func<Task<T>> action)
    {
        await action();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine($"  {name,-62} p50 {P(0.5),9:F2}   p99 {P(0.99),9:F2}   max {times[^1],9:F2}");
    }
}
