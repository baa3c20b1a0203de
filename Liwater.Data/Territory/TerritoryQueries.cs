using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Territory;

public sealed class TerritoryQueries(Db db)
{
    public async Task<IReadOnlyList<Community>> ListCommunitiesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Community>(
            """
            SELECT id, code, name, name_en, sort_order, is_assumption, assumption_note
            FROM communities ORDER BY sort_order, id
            """);
        return rows.AsList();
    }

    /// <summary>Every compound with its grid status and counts, ordered by community then name.</summary>
    public Task<IReadOnlyList<CompoundOverview>> ListCompoundsAsync(CancellationToken cancellationToken = default) =>
        QueryCompoundsAsync(null, cancellationToken);

    /// <summary>One compound with its grid status and counts (counting only its own buildings), or null.</summary>
    public async Task<CompoundOverview?> GetCompoundAsync(long compoundId, CancellationToken cancellationToken = default) =>
        (await QueryCompoundsAsync(compoundId, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<CompoundOverview>> QueryCompoundsAsync(long? id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CompoundOverview>(
            """
            SELECT c.id, c.name, c.community_id, m.name AS community_name, c.latitude, c.longitude,
                   c.is_assumption, c.assumption_note,
                   COALESCE(a.buildings, 0) AS buildings, COALESCE(a.households, 0) AS households, COALESCE(a.residents, 0) AS residents,
                   g.has_own_branch, g.has_joint_branch, g.complete_grid,
                   EXISTS (SELECT 1 FROM service_stations s WHERE s.compound_id = c.id) AS has_station,
                   EXISTS (SELECT 1 FROM councils k WHERE k.compound_id = c.id) AS has_council,
                   (SELECT CAST(COALESCE(SUM(k.cases), 0) AS BIGINT) FROM agg_case_counts k
                    WHERE k.status IN ('open', 'in_progress') AND k.compound_id = c.id) AS open_cases
            FROM compounds c
            JOIN communities m ON m.id = c.community_id
            JOIN compound_grid g ON g.compound_id = c.id
            LEFT JOIN agg_compound_territory a ON a.compound_id = c.id
            WHERE @id IS NULL OR c.id = @id
            ORDER BY m.sort_order, m.id, c.id
            """,
            new { id });
        return rows.AsList();
    }

    public async Task<IReadOnlyList<BuildingRef>> ListBuildingsAsync(long compoundId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BuildingRef>(
            "SELECT id, compound_id, name FROM buildings WHERE compound_id = @compoundId ORDER BY id",
            new { compoundId });
        return rows.AsList();
    }
}
