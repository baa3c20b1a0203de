using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Statistics;

/// <summary>
/// Writes the statistics series behind the trends: one row per scope (town, each community, each compound) per
/// minute, then announces <see cref="ChangeKinds.StatisticsUpdated"/> in the same transaction.
/// </summary>
/// <remarks>
/// The figures are counted once per compound by three grouped, index-only queries and summed up to communities and
/// the town in memory, so the cost does not grow with the number of scopes (see bench/). Rows are upserted: running a
/// minute again writes nothing unless a figure moved, and then announces nothing either.
/// </remarks>
public sealed class SnapshotCommands(Db db, TownClock town)
{
    private const long MinuteMs = 60_000;
    private const long HourMs = 60 * MinuteMs;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Takes the snapshot of the minute that contains <paramref name="nowMs"/>. Minute rows older than
    /// <paramref name="keepMinuteRowsDays"/> days are pruned to one per hour.
    /// </summary>
    public Task<SnapshotResult> TakeAsync(long nowMs, int keepMinuteRowsDays, CancellationToken cancellationToken = default) =>
        db.WriteAsync((connection, transaction) => TakeAsync(connection, transaction, nowMs, keepMinuteRowsDays), cancellationToken);

    /// <summary>
    /// Takes the snapshot asked for after the change <paramref name="throughChangeId"/>, unless a snapshot taken since
    /// has already seen that change: then nothing is computed and null is returned. Every node of a cluster asks after
    /// the same burst; the check and the snapshot share one transaction, so one of them runs it (decision 0123).
    /// </summary>
    public Task<SnapshotResult?> TakeAfterChangeAsync(long nowMs, long throughChangeId, int keepMinuteRowsDays, CancellationToken cancellationToken = default) =>
        db.WriteAsync<SnapshotResult?>(
            async (connection, transaction) =>
                await connection.ExecuteScalarAsync<long>("SELECT change_id FROM statistics_snapshot_cursor WHERE id = 1", transaction: transaction) >= throughChangeId
                    ? null
                    : await TakeAsync(connection, transaction, nowMs, keepMinuteRowsDays),
            cancellationToken);

    private async Task<SnapshotResult> TakeAsync(DbConnection connection, DbTransaction transaction, long nowMs, int keepMinuteRowsDays)
    {
        // Every change up to here is in the figures below (ids commit in id order on both engines, decision 0121).
        var seen = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM change_log", transaction: transaction);
        var takenAt = nowMs - (nowMs % MinuteMs);
        var rows = await ComputeAsync(connection, transaction, takenAt, nowMs);
        var changed = 0;
        foreach (var row in rows)
        {
            changed += await connection.ExecuteAsync(UpsertSql, row, transaction);
        }

        var pruned = await connection.ExecuteAsync(
            "DELETE FROM statistics_snapshots WHERE taken_at < @cutoff AND taken_at % @hour <> 0",
            new { cutoff = takenAt - (keepMinuteRowsDays * 24 * HourMs), hour = HourMs },
            transaction);
        if (changed > 0)
        {
            await ChangeLog.AppendAsync(
                connection, transaction, nowMs, ChangeKinds.StatisticsUpdated, "statistics", takenAt, null,
                new DataError(ChangeSummaries.SnapshotTaken, town.ToLocal(takenAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), changed));
        }

        await connection.ExecuteAsync("UPDATE statistics_snapshot_cursor SET change_id = @seen WHERE id = 1 AND change_id < @seen", new { seen }, transaction);
        return new SnapshotResult(takenAt, rows.Count, changed, pruned);
    }

    /// <summary>The rows a snapshot at <paramref name="takenAt"/> would write, without writing them.</summary>
    public async Task<IReadOnlyList<SnapshotRow>> ComputeAsync(long nowMs, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ComputeAsync(connection, null, nowMs - (nowMs % MinuteMs), nowMs);
    }

    private async Task<List<SnapshotRow>> ComputeAsync(DbConnection connection, DbTransaction? transaction, long takenAt, long nowMs)
    {
        var today = DateOnly.FromDateTime(town.ToLocal(nowMs).DateTime);
        var args = new
        {
            now = nowMs,
            dayStart = town.StartOfDayMs(today),
            today = TownClock.Iso(today),
            monthStart = TownClock.Iso(new DateOnly(today.Year, today.Month, 1)),
        };
        var compounds = (await connection.QueryAsync<(long Id, long CommunityId)>(
            "SELECT id, community_id FROM compounds ORDER BY id", transaction: transaction)).AsList();
        var communities = (await connection.QueryAsync<long>("SELECT id FROM communities ORDER BY id", transaction: transaction)).AsList();

        var tallies = compounds.ToDictionary(c => c.Id, _ => new Tally());
        Tally At(long compoundId) => tallies.TryGetValue(compoundId, out var t) ? t : tallies[compoundId] = new Tally();

        foreach (var open in await connection.QueryAsync<OpenRow>(OpenCasesSql(SqlDialect.Of(connection)), args, transaction))
        {
            var tally = At(open.CompoundId);
            tally.Breached += open.Breached;
            switch (open.Level)
            {
                case "compound": tally.OpenAtCompound += open.Open; break;
                case "community": tally.OpenAtCommunity += open.Open; break;
                default: tally.OpenAtTown += open.Open; break;
            }
        }

        foreach (var resolved in await connection.QueryAsync<(long CompoundId, long Count)>(ResolvedTodaySql(SqlDialect.Of(connection)), args, transaction))
        {
            At(resolved.CompoundId).ResolvedToday += resolved.Count;
        }

        foreach (var hours in await connection.QueryAsync<HoursRow>(VolunteerHoursSql(SqlDialect.Of(connection)), args, transaction))
        {
            var tally = At(hours.CompoundId);
            tally.HoursToday += hours.HoursToday;
            tally.HoursMonth += hours.HoursMonth;
            tally.ActivitiesToday += hours.ActivitiesToday;
            tally.VolunteersToday += hours.VolunteersToday;
        }

        var communityOf = compounds.ToDictionary(c => c.Id, c => c.CommunityId);
        var byCommunity = communities.ToDictionary(id => id, _ => new Tally());
        var townTally = new Tally();
        foreach (var (compoundId, tally) in tallies)
        {
            townTally.Add(tally);
            if (communityOf.TryGetValue(compoundId, out var communityId) && byCommunity.TryGetValue(communityId, out var community))
            {
                community.Add(tally);
            }
        }

        var rows = new List<SnapshotRow>(1 + byCommunity.Count + tallies.Count) { townTally.ToRow(SnapshotScopes.Town, 0, takenAt) };
        rows.AddRange(byCommunity.OrderBy(c => c.Key).Select(c => c.Value.ToRow(SnapshotScopes.Community, c.Key, takenAt)));
        rows.AddRange(tallies.OrderBy(c => c.Key).Select(c => c.Value.ToRow(SnapshotScopes.Compound, c.Key, takenAt)));
        return rows;
    }

    // "GROUP BY +compound_id" (SqlDialect.GroupKeyWithoutIndex on SQLite): the unary plus keeps SQLite's planner from
    // skip-scanning the (compound_id, ...) indexes to save the sort, which at city scale was 20-80 times slower than
    // reading the covering indexes of 0004 in range order and grouping 2,000 compounds in a temporary b-tree
    // (bench/: 390 ms → 40 ms for the month's hours). PostgreSQL groups by the plain column. Dialect-specific texts:
    // the three statements below.
    private static string OpenCasesSql(SqlDialect d) =>
        $"""
        SELECT compound_id AS CompoundId, level AS Level, COUNT(*) AS Open, COUNT(*) FILTER (WHERE due_at <= @now) AS Breached
        FROM cases
        WHERE status IN ('open', 'in_progress')
        GROUP BY {d.GroupKeyWithoutIndex("compound_id")}, level
        """;

    private static string ResolvedTodaySql(SqlDialect d) =>
        $"""
        SELECT compound_id, COUNT(*)
        FROM cases
        WHERE resolved_at >= @dayStart AND resolved_at <= @now
        GROUP BY {d.GroupKeyWithoutIndex("compound_id")}
        """;

    // Volunteer hours are the length of an activity times the people who took part (schema, 0001).
    private static string VolunteerHoursSql(SqlDialect d) =>
        $"""
        SELECT compound_id AS CompoundId,
               COALESCE(SUM(CASE WHEN occurred_on = @today THEN hours * people END), 0.0) AS HoursToday,
               COALESCE(SUM(hours * people), 0.0) AS HoursMonth,
               COUNT(*) FILTER (WHERE occurred_on = @today) AS ActivitiesToday,
               COALESCE(SUM(CASE WHEN occurred_on = @today THEN people END), 0) AS VolunteersToday
        FROM volunteer_activities
        WHERE occurred_on >= @monthStart AND occurred_on <= @today
        GROUP BY {d.GroupKeyWithoutIndex("compound_id")}
        """;

    private const string UpsertSql =
        """
        INSERT INTO statistics_snapshots (taken_at, scope, scope_id, open_cases, breached, resolved_today, volunteer_hours_today, volunteer_hours_month, figures)
        VALUES (@TakenAt, @Scope, @ScopeId, @OpenCases, @Breached, @ResolvedToday, @VolunteerHoursToday, @VolunteerHoursMonth, @Figures)
        ON CONFLICT (scope, scope_id, taken_at) DO UPDATE SET
            open_cases = excluded.open_cases, breached = excluded.breached, resolved_today = excluded.resolved_today,
            volunteer_hours_today = excluded.volunteer_hours_today, volunteer_hours_month = excluded.volunteer_hours_month,
            figures = excluded.figures
        WHERE statistics_snapshots.open_cases IS DISTINCT FROM excluded.open_cases
           OR statistics_snapshots.breached IS DISTINCT FROM excluded.breached
           OR statistics_snapshots.resolved_today IS DISTINCT FROM excluded.resolved_today
           OR statistics_snapshots.volunteer_hours_today IS DISTINCT FROM excluded.volunteer_hours_today
           OR statistics_snapshots.volunteer_hours_month IS DISTINCT FROM excluded.volunteer_hours_month
           OR statistics_snapshots.figures IS DISTINCT FROM excluded.figures
        """;

    private sealed record OpenRow
    {
        public long CompoundId { get; init; }
        public string Level { get; init; } = "";
        public long Open { get; init; }
        public long Breached { get; init; }
    }

    private sealed record HoursRow
    {
        public long CompoundId { get; init; }
        public double HoursToday { get; init; }
        public double HoursMonth { get; init; }
        public long ActivitiesToday { get; init; }
        public long VolunteersToday { get; init; }
    }

    private sealed class Tally
    {
        public long OpenAtCompound { get; set; }
        public long OpenAtCommunity { get; set; }
        public long OpenAtTown { get; set; }
        public long Breached { get; set; }
        public long ResolvedToday { get; set; }
        public double HoursToday { get; set; }
        public double HoursMonth { get; set; }
        public long ActivitiesToday { get; set; }
        public long VolunteersToday { get; set; }

        public void Add(Tally other)
        {
            OpenAtCompound += other.OpenAtCompound;
            OpenAtCommunity += other.OpenAtCommunity;
            OpenAtTown += other.OpenAtTown;
            Breached += other.Breached;
            ResolvedToday += other.ResolvedToday;
            HoursToday += other.HoursToday;
            HoursMonth += other.HoursMonth;
            ActivitiesToday += other.ActivitiesToday;
            VolunteersToday += other.VolunteersToday;
        }

        // Hours are rounded to 0.01 so that summing in another order never produces a "changed" row.
        public SnapshotRow ToRow(string scope, long scopeId, long takenAt) => new()
        {
            Scope = scope,
            ScopeId = scopeId,
            TakenAt = takenAt,
            OpenCases = OpenAtCompound + OpenAtCommunity + OpenAtTown,
            Breached = Breached,
            ResolvedToday = ResolvedToday,
            VolunteerHoursToday = Math.Round(HoursToday, 2),
            VolunteerHoursMonth = Math.Round(HoursMonth, 2),
            Figures = JsonSerializer.Serialize(
                new SnapshotFigures
                {
                    OpenAtCompound = OpenAtCompound,
                    OpenAtCommunity = OpenAtCommunity,
                    OpenAtTown = OpenAtTown,
                    ActivitiesToday = ActivitiesToday,
                    VolunteersToday = VolunteersToday,
                },
                Json),
        };
    }
}
