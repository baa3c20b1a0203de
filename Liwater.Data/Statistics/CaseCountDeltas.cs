using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Statistics;

/// <summary>
/// On PostgreSQL, case counts are appended as deltas (migration PostgreSql/0023, decision 0125) and read through the
/// <c>agg_case_counts</c> view, whose readers sum them. <see cref="FoldAsync"/> replaces each key's rows by their sum
/// so the reads stay small; every node runs it every few seconds. On SQLite the counts are rows kept in place (one
/// writer, no contention) and there is nothing to fold.
/// </summary>
public sealed class CaseCountDeltas(Db db)
{
    // One statement at READ COMMITTED: it deletes the rows it saw and appends their sums, so the view's figures are
    // the same before and after. Two nodes folding at once each delete a row at most once (the second skips rows the
    // first deleted), and deltas appended meanwhile are not touched until the next fold.
    private const string FoldSql =
        """
        WITH crowded AS (
            SELECT status, compound_id, level, community_id FROM agg_case_count_deltas
            GROUP BY status, compound_id, level, community_id HAVING COUNT(*) > 1),
        gone AS (
            DELETE FROM agg_case_count_deltas d USING crowded k
            WHERE d.status = k.status AND d.compound_id = k.compound_id AND d.level = k.level AND d.community_id = k.community_id
            RETURNING d.status, d.compound_id, d.level, d.community_id, d.cases)
        INSERT INTO agg_case_count_deltas (status, compound_id, level, community_id, cases)
        SELECT status, compound_id, level, community_id, SUM(cases) FROM gone
        GROUP BY status, compound_id, level, community_id HAVING SUM(cases) <> 0
        """;

    /// <summary>Folds the deltas of every key that has more than one; returns how many rows are left for those keys.</summary>
    public async Task<int> FoldAsync(CancellationToken cancellationToken = default)
    {
        if (db.Provider != DatabaseProvider.PostgreSql)
        {
            return 0;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(FoldSql, cancellationToken: cancellationToken));
    }
}
