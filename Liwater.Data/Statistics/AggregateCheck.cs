using System.Data.Common;
using System.Globalization;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Data.Sqlite;

namespace Liwater.Data.Statistics;

/// <summary>
/// The recount check of the aggregates that triggers keep current in every write transaction (migration 0022,
/// decision 0160): each aggregate table is compared with a full recount from the rows; a difference is reported and,
/// when asked, repaired by rebuilding every aggregate from the rows inside one write transaction. A recount reads
/// every case and activity (seconds at city scale): it runs as a nightly job, never on a screen's path.
/// </summary>
public sealed class AggregateCheck(Db db)
{
    // Each aggregate as (name, stored, recounted): both return Key (text) and up to four numbers A..D, where a
    // missing row means all zeros. Case counts are summed per key (on PostgreSQL a key may have several delta rows).
    private static readonly (string Table, string Stored, string Counted)[] Aggregates =
    [
        ("agg_case_counts",
            """
            SELECT status || '/' || CAST(compound_id AS TEXT) || '/' || level || '/' || CAST(community_id AS TEXT) AS Key,
                   CAST(SUM(cases) AS DOUBLE PRECISION) AS A, CAST(0 AS DOUBLE PRECISION) AS B, CAST(0 AS DOUBLE PRECISION) AS C, CAST(0 AS DOUBLE PRECISION) AS D
            FROM agg_case_counts GROUP BY status, compound_id, level, community_id
            """,
            """
            SELECT status || '/' || CAST(compound_id AS TEXT) || '/' || level || '/' || CAST(community_id AS TEXT) AS Key,
                   CAST(COUNT(*) AS DOUBLE PRECISION) AS A, CAST(0 AS DOUBLE PRECISION) AS B, CAST(0 AS DOUBLE PRECISION) AS C, CAST(0 AS DOUBLE PRECISION) AS D
            FROM cases GROUP BY status, compound_id, level, community_id
            """),
        ("agg_activity_days",
            "SELECT day AS Key, hours AS A, CAST(activities AS DOUBLE PRECISION) AS B, CAST(0 AS DOUBLE PRECISION) AS C, CAST(0 AS DOUBLE PRECISION) AS D FROM agg_activity_days",
            """
            SELECT occurred_on AS Key, SUM(hours * people) AS A, CAST(COUNT(*) AS DOUBLE PRECISION) AS B, CAST(0 AS DOUBLE PRECISION) AS C, CAST(0 AS DOUBLE PRECISION) AS D
            FROM volunteer_activities GROUP BY occurred_on
            """),
        ("agg_activity_months",
            """
            SELECT month || '/' || CAST(compound_id AS TEXT) AS Key, hours AS A, CAST(activities AS DOUBLE PRECISION) AS B, CAST(0 AS DOUBLE PRECISION) AS C, CAST(0 AS DOUBLE PRECISION) AS D
            FROM agg_activity_months
            """,
            """
            SELECT substr(occurred_on, 1, 7) || '/' || CAST(compound_id AS TEXT) AS Key, SUM(hours * people) AS A,
                   CAST(COUNT(*) AS DOUBLE PRECISION) AS B, CAST(0 AS DOUBLE PRECISION) AS C, CAST(0 AS DOUBLE PRECISION) AS D
            FROM volunteer_activities GROUP BY substr(occurred_on, 1, 7), compound_id
            """),
        ("agg_compound_territory",
            """
            SELECT CAST(compound_id AS TEXT) AS Key, CAST(buildings AS DOUBLE PRECISION) AS A, CAST(households AS DOUBLE PRECISION) AS B,
                   CAST(residents AS DOUBLE PRECISION) AS C, CAST(households_contacted AS DOUBLE PRECISION) AS D
            FROM agg_compound_territory
            """,
            $"""
            SELECT CAST(b.compound_id AS TEXT) AS Key, CAST(COUNT(DISTINCT b.id) AS DOUBLE PRECISION) AS A,
                   CAST(COUNT(h.id) AS DOUBLE PRECISION) AS B, CAST(COALESCE(SUM(h.residents), 0) AS DOUBLE PRECISION) AS C,
                   CAST(COALESCE(SUM({ContactedSql}), 0) AS DOUBLE PRECISION) AS D
            FROM buildings b LEFT JOIN households h ON h.building_id = b.id
            GROUP BY b.compound_id
            """),
        ("compound_grid", GridSql("compound_grid"), GridSql("compound_grid_counted")),
    ];

    // The kept grid rows (migration 0024, decision 0126) and the view that defines them have the same columns. Every
    // compound has a row (the map joins on it), so A is 1 for a row that is there: a missing row differs even when
    // all its flags are 0. B is own branch × 10 + joint branch, C covered, D complete.
    private static string GridSql(string source) =>
        $"""
        SELECT CAST(compound_id AS TEXT) || '/' || CAST(community_id AS TEXT) AS Key, CAST(1 AS DOUBLE PRECISION) AS A,
               CAST(has_own_branch * 10 + has_joint_branch AS DOUBLE PRECISION) AS B, CAST(covered AS DOUBLE PRECISION) AS C,
               CAST(complete_grid AS DOUBLE PRECISION) AS D
        FROM {source}
        """;

    private const string ContactedSql = "CASE WHEN EXISTS (SELECT 1 FROM household_contacts hc WHERE hc.household_id = h.id) THEN 1 ELSE 0 END";

    // The rebuild: the migration's fill, after emptying the tables.
    private const string RebuildSql =
        $"""
        DELETE FROM agg_case_counts;
        DELETE FROM agg_activity_days;
        DELETE FROM agg_activity_months;
        DELETE FROM agg_compound_territory;
        DELETE FROM compound_grid;
        INSERT INTO compound_grid (compound_id, community_id, has_own_branch, has_joint_branch, covered, complete_grid)
        SELECT compound_id, community_id, has_own_branch, has_joint_branch, covered, complete_grid FROM compound_grid_counted;
        INSERT INTO agg_case_counts (status, compound_id, level, community_id, cases)
        SELECT status, compound_id, level, community_id, COUNT(*) FROM cases GROUP BY status, compound_id, level, community_id;
        INSERT INTO agg_activity_days (day, hours, activities)
        SELECT occurred_on, SUM(hours * people), COUNT(*) FROM volunteer_activities GROUP BY occurred_on;
        INSERT INTO agg_activity_months (month, compound_id, hours, activities)
        SELECT substr(occurred_on, 1, 7), compound_id, SUM(hours * people), COUNT(*) FROM volunteer_activities
        GROUP BY substr(occurred_on, 1, 7), compound_id;
        INSERT INTO agg_compound_territory (compound_id, buildings, households, residents, households_contacted)
        SELECT b.compound_id, COUNT(DISTINCT b.id), COUNT(h.id), COALESCE(SUM(h.residents), 0), COALESCE(SUM({ContactedSql}), 0)
        FROM buildings b LEFT JOIN households h ON h.building_id = b.id
        GROUP BY b.compound_id;
        """;

    /// <summary>Compares every aggregate with a recount from the rows (one read snapshot); returns the differences.</summary>
    public async Task<IReadOnlyList<AggregateDifference>> CheckAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        // One transaction so the stored figures and the recount see the same rows (a read transaction on SQLite is
        // a snapshot of the WAL; on PostgreSQL REPEATABLE READ gives the same).
        // SQLite: a deferred BEGIN, so the check never holds the write lock.
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var differences = new List<AggregateDifference>();
        foreach (var (table, storedSql, countedSql) in Aggregates)
        {
            var stored = await ReadAsync(connection, transaction, storedSql);
            var counted = await ReadAsync(connection, transaction, countedSql);
            foreach (var key in stored.Keys.Union(counted.Keys).Order(StringComparer.Ordinal))
            {
                var s = stored.GetValueOrDefault(key, Zero);
                var c = counted.GetValueOrDefault(key, Zero);
                if (!s.Zip(c).All(p => Same(p.First, p.Second)))
                {
                    differences.Add(new AggregateDifference(table, key, Format(s), Format(c)));
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return differences;
    }

    /// <summary>
    /// Checks; when anything differs, rebuilds every aggregate from the rows in one write transaction (which also
    /// appends a <see cref="ChangeKinds.StatisticsUpdated"/> entry so open screens re-read). Returns what differed.
    /// </summary>
    public async Task<IReadOnlyList<AggregateDifference>> CheckAndRepairAsync(CancellationToken cancellationToken = default)
    {
        var differences = await CheckAsync(cancellationToken);
        if (differences.Count > 0)
        {
            await db.WriteAsync(async (connection, transaction) =>
            {
                await RebuildAsync(connection, transaction);
                await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.StatisticsUpdated, "aggregates", null, null);
            }, cancellationToken);
        }

        return differences;
    }

    /// <summary>Empties every aggregate and counts it again from the rows, in the caller's transaction (also used by
    /// the benchmark's generator after a bulk load without triggers).</summary>
    public static Task RebuildAsync(DbConnection connection, DbTransaction? transaction) =>
        connection.ExecuteAsync(new CommandDefinition(RebuildSql, transaction: transaction, commandTimeout: 600));

    private static readonly double[] Zero = [0, 0, 0, 0];

    private static async Task<Dictionary<string, double[]>> ReadAsync(DbConnection connection, DbTransaction transaction, string sql)
    {
        var rows = await connection.QueryAsync<(string Key, double A, double B, double C, double D)>(
            new CommandDefinition(sql, transaction: transaction, commandTimeout: 600));
        return rows.ToDictionary(r => r.Key, r => new[] { r.A, r.B, r.C, r.D }, StringComparer.Ordinal);
    }

    // Counts are exact; sums of hours × people may differ in the last bits with the order of addition.
    private static bool Same(double stored, double counted) => Math.Abs(stored - counted) <= 1e-6 * Math.Max(1, Math.Abs(counted));

    private static string Format(double[] values) => string.Join(" / ", values.Select(v => v.ToString("0.######", CultureInfo.InvariantCulture)));
}

/// <summary>One aggregate row that differs from its recount: the table, the row's key, the stored and the counted values.</summary>
public sealed record AggregateDifference(string Table, string Key, string Stored, string Counted);
