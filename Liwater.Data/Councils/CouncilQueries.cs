using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Councils;

public sealed class CouncilQueries(Db db)
{
    /// <summary>How many steps a council takes (造氛围 → 建队伍 → 搭平台 → 立规则 → 抓落实); named by <see cref="CouncilWords.Step"/>.</summary>
    public const int StepCount = 5;

    public async Task<IReadOnlyList<CouncilSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CouncilSummary>(Summary + " ORDER BY m.sort_order, k.id");
        return rows.AsList();
    }

    public async Task<CouncilDetail?> GetAsync(long councilId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(
            Summary + """
             WHERE k.id = @councilId;
            SELECT step, completed_on, note FROM council_steps WHERE council_id = @councilId ORDER BY step;
            SELECT r.id, r.name, b.name AS building_name, r.is_active
            FROM council_representatives r LEFT JOIN buildings b ON b.id = r.building_id
            WHERE r.council_id = @councilId ORDER BY r.id;
            SELECT id, held_on, title FROM council_meetings WHERE council_id = @councilId ORDER BY held_on DESC, id DESC;
            SELECT o.id, o.council_meeting_id, o.title, o.description, o.case_id, c.code AS case_code, o.status, o.result,
                   o.closed_at, o.version,
                   (SELECT COUNT(*) FROM votes v WHERE v.motion_id = o.id AND v.choice = 'for') AS votes_for,
                   (SELECT COUNT(*) FROM votes v WHERE v.motion_id = o.id AND v.choice = 'against') AS votes_against,
                   (SELECT COUNT(*) FROM votes v WHERE v.motion_id = o.id AND v.choice = 'abstain') AS votes_abstain
            FROM motions o JOIN council_meetings g ON g.id = o.council_meeting_id
            LEFT JOIN cases c ON c.id = o.case_id
            WHERE g.council_id = @councilId ORDER BY o.id;
            SELECT v.motion_id, v.representative_id, v.choice, v.cast_at
            FROM votes v JOIN motions o ON o.id = v.motion_id JOIN council_meetings g ON g.id = o.council_meeting_id
            WHERE g.council_id = @councilId ORDER BY v.cast_at;
            """,
            new { councilId });
        var council = await grid.ReadSingleOrDefaultAsync<CouncilSummary>();
        if (council is null)
        {
            return null;
        }

        return new CouncilDetail(
            council,
            (await grid.ReadAsync<CouncilStep>()).AsList(),
            (await grid.ReadAsync<CouncilRepresentative>()).AsList(),
            (await grid.ReadAsync<CouncilMeeting>()).AsList(),
            (await grid.ReadAsync<MotionView>()).AsList(),
            (await grid.ReadAsync<VoteRow>()).AsList());
    }

    /// <summary>Open cases of the council's compound, offered when a motion is raised from a case.</summary>
    public async Task<IReadOnlyList<CaseOption>> ListOpenCasesAsync(long councilId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseOption>(
            """
            SELECT c.id, c.code, c.title FROM cases c JOIN councils k ON k.compound_id = c.compound_id
            WHERE k.id = @councilId AND c.status IN ('open', 'in_progress') ORDER BY c.id DESC
            """,
            new { councilId });
        return rows.AsList();
    }

    private const string Summary = """
        SELECT k.id, k.name, k.compound_id, p.name AS compound_name, p.community_id, m.name AS community_name, k.founded_on,
               (SELECT COUNT(*) FROM council_steps s WHERE s.council_id = k.id) AS steps_completed,
               (SELECT COUNT(*) FROM council_representatives r WHERE r.council_id = k.id AND r.is_active = 1) AS active_representatives,
               (SELECT COUNT(*) FROM motions o JOIN council_meetings g ON g.id = o.council_meeting_id
                WHERE g.council_id = k.id AND o.status = 'open') AS open_motions
        FROM councils k JOIN compounds p ON p.id = k.compound_id JOIN communities m ON m.id = p.community_id
        """;
}

public sealed record CaseOption
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Title { get; init; } = "";
}
