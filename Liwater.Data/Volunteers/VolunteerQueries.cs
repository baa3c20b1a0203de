using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Volunteers;

public sealed class VolunteerQueries(Db db)
{
    /// <summary>Teams with their member counts; all compounds when <paramref name="compoundId"/> is null.</summary>
    public async Task<IReadOnlyList<VolunteerTeam>> ListTeamsAsync(long? compoundId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<VolunteerTeam>(
            """
            SELECT t.id, t.compound_id, c.name AS compound_name, m.name AS community_name, t.kind, t.name, t.formed_on,
                   (SELECT COUNT(*) FROM volunteers v WHERE v.team_id = t.id) AS members,
                   (SELECT COUNT(*) FROM volunteers v WHERE v.team_id = t.id AND v.is_party_member = 1) AS party_members
            FROM volunteer_teams t JOIN compounds c ON c.id = t.compound_id JOIN communities m ON m.id = c.community_id
            WHERE @compoundId IS NULL OR t.compound_id = @compoundId
            ORDER BY m.sort_order, c.id, t.kind, t.id
            """,
            new { compoundId });
        return rows.AsList();
    }

    public async Task<IReadOnlyList<Volunteer>> ListMembersAsync(long teamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Volunteer>(
            "SELECT id, team_id, name, is_party_member, joined_on FROM volunteers WHERE team_id = @teamId ORDER BY id",
            new { teamId });
        return rows.AsList();
    }

    /// <summary>The newest activities first (by day, then by entry).</summary>
    public async Task<IReadOnlyList<VolunteerActivity>> ListActivitiesAsync(long? compoundId, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<VolunteerActivity>(
            """
            SELECT a.id, a.compound_id, c.name AS compound_name, a.team_id, t.name AS team_name, a.occurred_on, a.hours, a.people,
                   a.kind, a.title, a.import_key IS NOT NULL AS imported
            FROM volunteer_activities a JOIN compounds c ON c.id = a.compound_id LEFT JOIN volunteer_teams t ON t.id = a.team_id
            WHERE @compoundId IS NULL OR a.compound_id = @compoundId
            ORDER BY a.occurred_on DESC, a.id DESC LIMIT @max
            """,
            new { compoundId, max });
        return rows.AsList();
    }

    /// <summary>
    /// Volunteer hours (hours × people) per compound and month for local dates in [<paramref name="from"/>,
    /// <paramref name="to"/>]; the big screen's volunteer layer counts the same way from the same table.
    /// </summary>
    public async Task<IReadOnlyList<MonthlyHours>> MonthlyHoursAsync(DateOnly from, DateOnly to, long? compoundId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MonthlyHours>(
            """
            SELECT a.compound_id, c.name AS compound_name, substr(a.occurred_on, 1, 7) AS month,
                   SUM(a.hours * a.people) AS volunteer_hours, COUNT(*) AS activities,
                   COUNT(*) FILTER (WHERE a.kind = 'practical_thing') AS practical_things
            FROM volunteer_activities a JOIN compounds c ON c.id = a.compound_id
            WHERE a.occurred_on BETWEEN @from AND @to AND (@compoundId IS NULL OR a.compound_id = @compoundId)
            GROUP BY a.compound_id, c.name, month
            ORDER BY month DESC, volunteer_hours DESC
            """,
            new { from = TownClock.Iso(from), to = TownClock.Iso(to), compoundId });
        return rows.AsList();
    }
}
