using System.Text.Json;
using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Statistics;

/// <summary>
/// The reader of <c>statistics_snapshots</c> (written by the snapshot job, decision 31): a scope's series as it was
/// recorded at the time, one point per local day of the town (<see cref="TownClock"/>).
/// </summary>
public sealed class SnapshotQueries(Db db, TownClock town)
{
    // For each local day, the last snapshot of the scope taken that day (the unique index (scope, scope_id, taken_at)
    // answers each lookup); days without one have no point.
    // Dialect-specific (SqlDialect.JsonRows): the days come in as one JSON parameter.
    private static string DailySql(SqlDialect d) =>
        $"""
        WITH days AS (
            {d.JsonRows("@days", ("d", "day", false), ("s", "day_start", true), ("e", "day_end", true))}),
        last AS (
            SELECT d.day, (SELECT MAX(x.taken_at) FROM statistics_snapshots x
                           WHERE x.scope = @scope AND x.scope_id = @scopeId AND x.taken_at >= d.day_start AND x.taken_at < d.day_end) AS taken_at
            FROM days d)
        SELECT l.day AS Day, s.taken_at AS TakenAt, s.open_cases AS OpenCases, s.breached AS Breached, s.resolved_today AS ResolvedToday
        FROM last l
        JOIN statistics_snapshots s ON s.scope = @scope AND s.scope_id = @scopeId AND s.taken_at = l.taken_at
        ORDER BY l.day;
        """;

    /// <summary>
    /// The last snapshot of each of the <paramref name="days"/> local days up to today of one scope
    /// (<see cref="SnapshotScopes"/>; the town's id is 0), oldest first; days without a snapshot are left out.
    /// </summary>
    public async Task<IReadOnlyList<SnapshotDay>> DailyAsync(string scope, long scopeId, int days, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var today = town.Today;
        var span = Enumerable.Range(0, days)
            .Select(i => today.AddDays(i - days + 1))
            .Select(d => new { d = TownClock.Iso(d), s = town.StartOfDayMs(d), e = town.StartOfDayMs(d.AddDays(1)) })
            .ToList();
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SnapshotDay>(DailySql(db.Dialect), new { days = JsonSerializer.Serialize(span), scope, scopeId });
        return rows.AsList();
    }
}
