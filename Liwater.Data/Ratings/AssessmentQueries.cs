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

    /// <summary>
    /// Periods with at least one score, newest first (<see cref="PublishedPeriods.NewestFirst"/>), with their state.
    /// Drafts are listed only when <paramref name="includeDrafts"/> (for those who may score).
    /// </summary>
    public async Task<IReadOnlyList<PeriodListing>> ListPeriodsAsync(bool includeDrafts, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PeriodRow>(
            $"""
            SELECT s.year, s.quarter, COUNT(*) AS sheets, CASE WHEN ap.state = 'published' THEN 1 ELSE 0 END AS is_published,
                   ap.changed_at, ap.changed_by, ap.reopen_reason
            FROM assessment_scores s
            LEFT JOIN assessment_periods ap ON ap.year = s.year AND ap.quarter = s.quarter
            WHERE @includeDrafts = 1 OR {PublishedPeriods.ScoreIsPublished}
            GROUP BY s.year, s.quarter, ap.state, ap.changed_at, ap.changed_by, ap.reopen_reason
            ORDER BY {PublishedPeriods.NewestFirst}
            """,
            new { includeDrafts });
        return rows.Select(r => new PeriodListing(new AssessmentPeriod((int)r.Year, (int)r.Quarter), r.IsPublished, (int)r.Sheets, r.ChangedAt, r.ChangedBy, r.ReopenReason))
            .ToList();
    }

    public async Task<IReadOnlyList<LeagueRow>> LeagueAsync(int year, int quarter, CancellationToken cancellationToken = default)
    {
        var units = (await ListUnitsAsync(cancellationToken)).ToDictionary(u => u.Id);
        await using var connection = await db.OpenAsync(cancellationToken);
        var scores = (await connection.QueryAsync<StoredScore>(
            Scores + " WHERE s.year = @year AND s.quarter = @quarter",
            new { year, quarter })).ToDictionary(s => s.UnitId);
        return RatingRules.Rank(scores.Values.Select(s => new UnitScore(s.UnitId, s.Total)), options)
            .Select(r => new LeagueRow(units[r.UnitId], r, scores[r.UnitId]))
            .ToList();
    }

    public async Task<ScoreSheetView?> GetSheetAsync(long unitId, int year, int quarter, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var score = await connection.QuerySingleOrDefaultAsync<StoredScore>(
            Scores + " WHERE s.unit_id = @unitId AND s.year = @year AND s.quarter = @quarter",
            new { unitId, year, quarter });
        if (score is null)
        {
            return null;
        }

        var items = (await connection.QueryAsync<(string ItemCode, double Score, string? ComputedFrom)>(
            "SELECT item_code, score, computed_from FROM assessment_score_items WHERE score_id = @id", new { id = score.Id })).AsList();
        var computed = items.Select(i => (i.ItemCode, Source: ComputedItemSource.FromJson(i.ComputedFrom)))
            .Where(i => i.Source is not null).ToDictionary(i => i.ItemCode, i => i.Source!);
        return new ScoreSheetView(score, items.ToDictionary(i => i.ItemCode, i => i.Score), computed);
    }

    /// <summary>
    /// Every period the unit was scored in, newest first, with its rank among the units scored that period; drafts only
    /// when <paramref name="includeDrafts"/>.
    /// </summary>
    public async Task<IReadOnlyList<UnitHistoryRow>> HistoryAsync(long unitId, bool includeDrafts, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var all = await connection.QueryAsync<StoredScore>(
            $"SELECT {ScoreColumns} FROM assessment_scores s WHERE @includeDrafts = 1 OR {PublishedPeriods.ScoreIsPublished}", new { includeDrafts });
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

    private const string ScoreColumns = "s.id, s.unit_id, s.year, s.quarter, s.total, s.assessor, s.comments, s.recorded_at, s.is_assumption";

    private const string Scores = "SELECT " + ScoreColumns + " FROM assessment_scores s";

    private sealed record PeriodRow
    {
        public long Year { get; init; }
        public long Quarter { get; init; }
        public long Sheets { get; init; }
        public bool IsPublished { get; init; }
        public long? ChangedAt { get; init; }
        public string? ChangedBy { get; init; }
        public string? ReopenReason { get; init; }
    }
}
