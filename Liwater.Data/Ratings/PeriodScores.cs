using System.Data.Common;
using Dapper;

namespace Liwater.Data.Ratings;

/// <summary>A unit's score in a period with where the unit sits, so a ranking can be made town-wide and then
/// filtered to a community or compound.</summary>
public sealed record PlacedScore
{
    public long UnitId { get; init; }

    public double Score { get; init; }

    public long CommunityId { get; init; }

    public long CompoundId { get; init; }
}

/// <summary>Reads the scores of one assessment period (quarter 0 = year-end) for ranking with <see cref="RatingRules"/>.</summary>
public static class PeriodScores
{
    public static async Task<IReadOnlyList<PlacedScore>> LoadAsync(DbConnection connection, long year, long quarter)
    {
        var rows = await connection.QueryAsync<PlacedScore>(
            """
            SELECT s.unit_id, s.total AS score, c.community_id, c.id AS compound_id
            FROM assessment_scores s
            JOIN assessment_units u ON u.id = s.unit_id
            JOIN compounds c ON c.id = u.compound_id
            WHERE s.year = @year AND s.quarter = @quarter
            """,
            new { year, quarter });
        return rows.AsList();
    }

    /// <summary>Ranks the whole town for the period.</summary>
    public static async Task<IReadOnlyList<UnitRating>> RankAsync(DbConnection connection, long year, long quarter, RatingOptions options) =>
        RatingRules.Rank((await LoadAsync(connection, year, quarter)).Select(s => new UnitScore(s.UnitId, s.Score)), options);
}
