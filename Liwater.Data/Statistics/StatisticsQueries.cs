using Dapper;
using Liwater.Data.Database;
using Liwater.Data.Ratings;

namespace Liwater.Data.Statistics;

/// <summary>
/// The governance figures of the town, a community or a compound, fetched in one round trip (one multi-statement
/// command) and the star distribution ranked by <see cref="RatingRules"/>.
/// </summary>
public sealed class StatisticsQueries(Db db, RatingOptions ratingOptions)
{
    // Each statement filters compounds by the same scope clause; "c" is always the compounds alias. Territory and
    // case counts come from the aggregates the write transaction keeps (decision 0160), not from 2 M household rows.
    // The stars are of the newest published year-end (one definition: PublishedPeriods), never of a draft.
    private const string FiguresSql =
        $"""
        SELECT
            COUNT(*) AS Compounds,
            CAST(COALESCE(SUM(a.buildings), 0) AS BIGINT) AS Buildings,
            CAST(COALESCE(SUM(a.households), 0) AS BIGINT) AS Households,
            CAST(COALESCE(SUM(a.residents), 0) AS BIGINT) AS Residents,
            (SELECT COUNT(*) FROM party_orgs p JOIN compounds c ON c.id = p.compound_id WHERE p.kind = 'compound_branch' AND (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId)) AS CompoundBranches,
            (SELECT COUNT(*) FROM service_stations s JOIN compounds c ON c.id = s.compound_id WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId)) AS ServiceStations,
            COALESCE(SUM(g.covered), 0) AS CoveredCompounds,
            COALESCE(SUM(g.complete_grid), 0) AS CompleteGrids,
            CAST(COALESCE(SUM(a.households_contacted), 0) AS BIGINT) AS HouseholdsContacted
        FROM compounds c JOIN compound_grid g ON g.compound_id = c.id
        LEFT JOIN agg_compound_territory a ON a.compound_id = c.id
        WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId);

        SELECT
            COUNT(*) FILTER (WHERE t.kind = 'party_mass_service') AS PartyMassService,
            COUNT(*) FILTER (WHERE t.kind = 'building') AS Building,
            COUNT(*) FILTER (WHERE t.kind = 'building_deliberation') AS BuildingDeliberation
        FROM volunteer_teams t JOIN compounds c ON c.id = t.compound_id
        WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId);

        SELECT
            CAST(COALESCE(SUM(k.cases) FILTER (WHERE k.level = 'compound'), 0) AS BIGINT) AS Compound,
            CAST(COALESCE(SUM(k.cases) FILTER (WHERE k.level = 'community'), 0) AS BIGINT) AS Community,
            CAST(COALESCE(SUM(k.cases) FILTER (WHERE k.level = 'town'), 0) AS BIGINT) AS Town
        FROM agg_case_counts k
        WHERE k.status IN ('open', 'in_progress')
          AND (@communityId IS NULL OR k.community_id = @communityId) AND (@compoundId IS NULL OR k.compound_id = @compoundId);

        SELECT
            CAST(COALESCE(SUM(k.cases) FILTER (WHERE k.status = 'open'), 0) AS BIGINT) AS Open,
            CAST(COALESCE(SUM(k.cases) FILTER (WHERE k.status = 'in_progress'), 0) AS BIGINT) AS InProgress,
            CAST(COALESCE(SUM(k.cases) FILTER (WHERE k.status = 'resolved'), 0) AS BIGINT) AS Resolved,
            CAST(COALESCE(SUM(k.cases) FILTER (WHERE k.status = 'closed'), 0) AS BIGINT) AS Closed,
            CAST(COALESCE(SUM(k.cases) FILTER (WHERE k.status = 'cancelled'), 0) AS BIGINT) AS Cancelled
        FROM agg_case_counts k
        WHERE (@communityId IS NULL OR k.community_id = @communityId) AND (@compoundId IS NULL OR k.compound_id = @compoundId);

        {PublishedPeriods.LatestYearEndSql};
        """;

    public async Task<GovernanceFigures> GetFiguresAsync(StatisticsScope scope, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var args = new { communityId = scope.CommunityId, compoundId = scope.CompoundId };
        GridCounts grid;
        TeamCounts teams;
        OpenCasesByLevel open;
        CasesByStatus statuses;
        long? year;
        await using (var results = await connection.QueryMultipleAsync(FiguresSql, args))
        {
            grid = await results.ReadSingleAsync<GridCounts>();
            teams = await results.ReadSingleAsync<TeamCounts>();
            open = await results.ReadSingleAsync<OpenCasesByLevel>();
            statuses = await results.ReadSingleAsync<CasesByStatus>();
            year = await results.ReadSingleAsync<long?>();
        }

        var stars = new StarDistribution(0, 0, 0, 0);
        if (year is { } ratingYear)
        {
            // The ranking is town-wide whatever the scope: a community's units keep the rank they hold in the town.
            var scores = await PeriodScores.LoadAsync(connection, ratingYear, 0);
            var inScope = scores.Where(s => (scope.CommunityId is null || s.CommunityId == scope.CommunityId)
                                            && (scope.CompoundId is null || s.CompoundId == scope.CompoundId))
                .Select(s => s.UnitId).ToHashSet();
            var ratings = RatingRules.Rank(scores.Select(s => new UnitScore(s.UnitId, s.Score)), ratingOptions);
            stars = StarDistribution.Of(ratings.Where(r => inScope.Contains(r.UnitId)));
        }

        return new GovernanceFigures(grid, teams, stars, year is null ? null : (int)year.Value, open, statuses);
    }
}
