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
    // Each statement filters compounds by the same scope clause; "c" is always the compounds alias.
    // The stars are of the newest published year-end (one definition: PublishedPeriods), never of a draft.
    private const string FiguresSql =
        $"""
        SELECT
            COUNT(*) AS Compounds,
            (SELECT COUNT(*) FROM buildings b JOIN compounds c ON c.id = b.compound_id WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId)) AS Buildings,
            (SELECT COUNT(*) FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId)) AS Households,
            (SELECT COALESCE(SUM(h.residents), 0) FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId)) AS Residents,
            (SELECT COUNT(*) FROM party_orgs p JOIN compounds c ON c.id = p.compound_id WHERE p.kind = 'compound_branch' AND (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId)) AS CompoundBranches,
            (SELECT COUNT(*) FROM service_stations s JOIN compounds c ON c.id = s.compound_id WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId)) AS ServiceStations,
            COALESCE(SUM(g.covered), 0) AS CoveredCompounds,
            COALESCE(SUM(g.complete_grid), 0) AS CompleteGrids,
            (SELECT COUNT(DISTINCT hc.household_id) FROM household_contacts hc JOIN households h ON h.id = hc.household_id JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId)) AS HouseholdsContacted
        FROM compounds c JOIN compound_grid g ON g.compound_id = c.id
        WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId);

        SELECT
            COUNT(*) FILTER (WHERE t.kind = 'party_mass_service') AS PartyMassService,
            COUNT(*) FILTER (WHERE t.kind = 'building') AS Building,
            COUNT(*) FILTER (WHERE t.kind = 'building_deliberation') AS BuildingDeliberation
        FROM volunteer_teams t JOIN compounds c ON c.id = t.compound_id
        WHERE (@communityId IS NULL OR c.community_id = @communityId) AND (@compoundId IS NULL OR c.id = @compoundId);

        SELECT
            COUNT(*) FILTER (WHERE k.level = 'compound') AS Compound,
            COUNT(*) FILTER (WHERE k.level = 'community') AS Community,
            COUNT(*) FILTER (WHERE k.level = 'town') AS Town
        FROM cases k
        WHERE k.status IN ('open', 'in_progress')
          AND (@communityId IS NULL OR k.community_id = @communityId) AND (@compoundId IS NULL OR k.compound_id = @compoundId);

        SELECT
            COUNT(*) FILTER (WHERE k.status = 'open') AS Open,
            COUNT(*) FILTER (WHERE k.status = 'in_progress') AS InProgress,
            COUNT(*) FILTER (WHERE k.status = 'resolved') AS Resolved,
            COUNT(*) FILTER (WHERE k.status = 'closed') AS Closed,
            COUNT(*) FILTER (WHERE k.status = 'cancelled') AS Cancelled
        FROM cases k
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
