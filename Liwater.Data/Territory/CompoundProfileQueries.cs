using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Ratings;

namespace Liwater.Data.Territory;

/// <summary>The compound profile (/compounds/{id}): Party grid, council, property unit, cases and volunteers.</summary>
public sealed class CompoundProfileQueries(Db db, TerritoryQueries territory, TownClock clock, RatingOptions ratingOptions)
{
    // Scores and year-end places are of published periods only (one definition: PublishedPeriods).
    private const string ProfileSql =
        $"""
        SELECT p.id, p.kind, p.name, p.established_on
        FROM party_orgs p
        WHERE p.id IN (SELECT party_org_id FROM party_org_compounds WHERE compound_id = @id)
           OR (p.kind = 'community_committee' AND p.community_id = (SELECT community_id FROM compounds WHERE id = @id))
        ORDER BY CASE p.kind WHEN 'community_committee' THEN 0 WHEN 'compound_branch' THEN 1 ELSE 2 END, p.id;

        SELECT
            (SELECT COUNT(*) FROM buildings WHERE compound_id = @id) AS buildings,
            (SELECT COUNT(*) FROM buildings b WHERE b.compound_id = @id AND EXISTS (SELECT 1 FROM contact_groups g WHERE g.building_id = b.id)) AS buildings_with_group,
            (SELECT COUNT(*) FROM contact_groups g JOIN buildings b ON b.id = g.building_id WHERE b.compound_id = @id) AS groups,
            (SELECT COUNT(DISTINCT hc.household_id) FROM household_contacts hc JOIN households h ON h.id = hc.household_id
               JOIN buildings b ON b.id = h.building_id WHERE b.compound_id = @id) AS households_contacted;

        SELECT m.role, COUNT(*) AS members
        FROM contact_group_members m JOIN contact_groups g ON g.id = m.group_id JOIN buildings b ON b.id = g.building_id
        WHERE b.compound_id = @id GROUP BY m.role ORDER BY m.role;

        SELECT name FROM service_stations WHERE compound_id = @id ORDER BY id LIMIT 1;

        SELECT k.id, k.name, k.founded_on,
               (SELECT COUNT(*) FROM council_representatives r WHERE r.council_id = k.id AND r.is_active = 1) AS representatives,
               (SELECT COUNT(*) FROM motions mo JOIN council_meetings cm ON cm.id = mo.council_meeting_id WHERE cm.council_id = k.id) AS motions,
               (SELECT COUNT(*) FROM motions mo JOIN council_meetings cm ON cm.id = mo.council_meeting_id WHERE cm.council_id = k.id AND mo.result = 'passed') AS motions_passed
        FROM councils k WHERE k.compound_id = @id;

        SELECT s.step, s.completed_on FROM council_steps s JOIN councils k ON k.id = s.council_id
        WHERE k.compound_id = @id ORDER BY s.step;

        SELECT u.id AS unit_id, pc.name AS company, s.year, s.quarter, s.total
        FROM assessment_units u JOIN property_companies pc ON pc.id = u.company_id
        JOIN assessment_scores s ON s.unit_id = u.id
        WHERE u.compound_id = @id AND {PublishedPeriods.ScoreIsPublished}
        ORDER BY {PublishedPeriods.NewestFirst};

        SELECT id, code, title, level, status, due_at FROM cases
        WHERE compound_id = @id AND status IN ('open', 'in_progress') ORDER BY COALESCE(due_at, 9223372036854775807), id;

        SELECT t.id, t.kind, t.name, (SELECT COUNT(*) FROM volunteers v WHERE v.team_id = t.id) AS members
        FROM volunteer_teams t WHERE t.compound_id = @id ORDER BY t.kind, t.id;

        SELECT
            COALESCE(SUM(CASE WHEN occurred_on >= @monthStart THEN hours * people END), 0),
            COALESCE(SUM(hours * people), 0)
        FROM volunteer_activities WHERE compound_id = @id AND occurred_on >= @yearStart AND occurred_on <= @today;
        """;

    /// <summary>
    /// Returns the profile, or null when no compound has that id. The open cases' codes and titles are left out for a
    /// reader who may not read that community's cases (<see cref="CaseAccess.CanRead"/>); their count stays.
    /// </summary>
    public async Task<CompoundProfile?> GetAsync(ActingUser user, long compoundId, CancellationToken cancellationToken = default)
    {
        var compound = await territory.GetCompoundAsync(compoundId, cancellationToken);
        if (compound is null)
        {
            return null;
        }

        var today = clock.Today;
        await using var connection = await db.OpenAsync(cancellationToken);
        var results = await connection.QueryMultipleAsync(ProfileSql, new
        {
            id = compoundId,
            today = TownClock.Iso(today),
            monthStart = TownClock.Iso(new DateOnly(today.Year, today.Month, 1)),
            yearStart = TownClock.Iso(new DateOnly(today.Year, 1, 1)),
        });
        var orgs = (await results.ReadAsync<PartyOrgRow>()).AsList();
        var grid = await results.ReadSingleAsync<ContactGridRow>();
        var roles = (await results.ReadAsync<ContactMemberRoleRow>()).AsList();
        var station = await results.ReadSingleOrDefaultAsync<string>();
        var council = await results.ReadSingleOrDefaultAsync<CouncilRow>();
        var steps = (await results.ReadAsync<CouncilStepRow>()).AsList();
        var scores = (await results.ReadAsync<ScoreRow>()).AsList();
        var cases = (await results.ReadAsync<OpenCaseRow>()).AsList();
        var teams = (await results.ReadAsync<TeamRow>()).AsList();
        var (month, year) = await results.ReadSingleAsync<(double, double)>();
        await results.DisposeAsync();
        var places = new List<YearEndPlace>();
        foreach (var score in scores.Where(s => s.Quarter == 0))
        {
            var ranking = await PeriodScores.RankAsync(connection, score.Year, 0, ratingOptions);
            var mine = ranking.First(r => r.UnitId == score.UnitId);
            places.Add(new YearEndPlace(score.Year, mine.Rank, mine.Stars, mine.List, ranking.Count));
        }

        var readable = CaseAccess.CanRead(user, compound.CommunityId);
        return new CompoundProfile
        {
            Compound = compound,
            PartyOrgs = orgs,
            ContactGrid = grid,
            MemberRoles = roles,
            StationName = station,
            Council = council,
            CouncilSteps = steps,
            Scores = scores,
            YearEndPlaces = places,
            OpenCases = readable ? cases : [],
            OpenCaseCount = cases.Count,
            CasesHidden = !readable,
            Teams = teams,
            VolunteerHoursThisMonth = month,
            VolunteerHoursThisYear = year,
        };
    }
}
