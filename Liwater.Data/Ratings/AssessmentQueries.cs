using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Ratings;

/// <summary>Reads units and scores; rankings are computed live with <see cref="RatingRules"/>, never stored here.</summary>
public sealed class AssessmentQueries(Db db, RatingOptions options)
{
    public async Task<IReadOnlyList<AssessmentUnit>> ListUnitsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AssessmentUnit>(
            """
            SELECT u.id, u.compound_id, c.name AS compound_name, m.name AS community_name, p.name AS company_name, u.published_seq
            FROM assessment_units u JOIN compounds c ON c.id = u.compound_id JOIN communities m ON m.id = c.community_id
            JOIN property_companies p ON p.id = u.company_id
            ORDER BY u.published_seq IS NULL, u.published_seq, c.name
            """);
        return rows.AsList();
    }

    /// <summary>Periods with at least one score, newest first; within a year the year-end assessment comes first.</summary>
    public async Task<IReadOnlyList<AssessmentPeriod>> ListPeriodsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Year, long Quarter)>(
            "SELECT DISTINCT year, quarter FROM assessment_scores ORDER BY year DESC, quarter = 0 DESC, quarter DESC");
        return rows.Select(r => new AssessmentPeriod((int)r.Year, (int)r.Quarter)).ToList();
    }

    public async Task<IReadOnlyList<LeagueRow>> LeagueAsync(int year, int quarter, CancellationToken cancellationToken = default)
    {
        var units = (await ListUnitsAsync(cancellationToken)).ToDictionary(u => u.Id);
        await using var connection = await db.OpenAsync(cancellationToken);
        var scores = (await connection.QueryAsync<StoredScore>(
            Scores + " WHERE year = @year AND quarter = @quarter",
            new { year, quarter })).ToDictionary(s => s.UnitId);
        return RatingRules.Rank(scores.Values.Select(s => new UnitScore(s.UnitId, s.Total)), options)
            .Select(r => new LeagueRow(units[r.UnitId], r, scores[r.UnitId]))
            .ToList();
    }

    public async Task<ScoreSheetView?> GetSheetAsync(long unitId, int year, int quarter, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var score = await connection.QuerySingleOrDefaultAsync<StoredScore>(
            Scores + " WHERE unit_id = @unitId AND year = @year AND quarter = @quarter",
            new { unitId, year, quarter });
        if (score is null)
        {
            return null;
        }

        var items = await connection.QueryAsync<(string ItemCode, double Score)>(
            "SELECT item_code, score FROM assessment_score_items WHERE score_id = @id", new { id = score.Id });
        return new ScoreSheetView(score, items.ToDictionary(i => i.ItemCode, i => i.Score));
    }

    /// <summary>Every period the unit was scored in, newest first, with its rank among the units scored that period.</summary>
    public async Task<IReadOnlyList<UnitHistoryRow>> HistoryAsync(long unitId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var all = await connection.QueryAsync<StoredScore>(Scores);
        var history = new List<UnitHistoryRow>();
        foreach (var period in all.GroupBy(s => (s.Year, s.Quarter)))
        {
            var own = period.FirstOrDefault(s => s.UnitId == unitId);
            if (own is null)
            {
                continue;
            }

            var ratings = RatingRules.Rank(period.Select(s => new UnitScore(s.UnitId, s.Total)), options);
            history.Add(new UnitHistoryRow(new AssessmentPeriod((int)own.Year, (int)own.Quarter), own, ratings.Single(r => r.UnitId == unitId), ratings.Count));
        }

        return history
            .OrderByDescending(h => h.Period.Year).ThenByDescending(h => h.Period.Quarter == 0).ThenByDescending(h => h.Period.Quarter)
            .ToList();
    }

    private const string Scores = """
        SELECT id, unit_id, year, quarter, total, assessor, comments, recorded_at, is_assumption FROM assessment_scores
        """;
}
