using System.Data.Common;
using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Database;

namespace Liwater.Data.Meetings;

/// <summary>Reads joint meetings. Any signed-in role may read them; the pages check sign-in.</summary>
public sealed class MeetingQueries(Db db)
{
    private const string MeetingColumns = "id, held_on, chair, attendees, status, opened_at, closed_at, version";

    private const string ItemColumns = "id, meeting_id, case_id, title, sort_order, decision_kind, decision_text, assignee, due_on, decided_at";

    /// <summary>The meeting in session, if any.</summary>
    public async Task<MeetingRow?> GetInSessionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MeetingRow>(
            $"SELECT {MeetingColumns} FROM meetings WHERE status = 'in_session' ORDER BY id DESC LIMIT 1");
    }

    /// <summary>The most recent meetings, newest first, for the list of minutes.</summary>
    public async Task<IReadOnlyList<MeetingRow>> ListRecentAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<MeetingRow>($"SELECT {MeetingColumns} FROM meetings ORDER BY opened_at DESC, id DESC LIMIT @max", new { max })).AsList();
    }

    /// <summary>
    /// A meeting with its agenda rebuilt from rows now (see <see cref="MeetingRules.BuildAgenda"/>), or null. Case items
    /// the user may not read (another community's, for community staff) are left out, as on the case list.
    /// </summary>
    public async Task<MeetingAgenda?> GetAgendaAsync(ActingUser user, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var agenda = await LoadAgendaAsync(connection, null, meetingId);
        return agenda is null || CaseAccess.CanReadAll(user)
            ? agenda
            : agenda with { Items = [.. agenda.Items.Where(i => i.Case is null || CaseAccess.CanRead(user, i.Case.CommunityId))] };
    }

    /// <summary>The in-session panel of the big screen: counts and the latest decision, or null when no meeting sits.</summary>
    public async Task<MeetingScreenSummary?> GetScreenSummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MeetingScreenSummary>(
            """
            SELECT m.id, m.held_on, m.chair, m.opened_at,
                   (SELECT COUNT(*) FROM meeting_items i WHERE i.meeting_id = m.id)
                   + (SELECT COUNT(*) FROM cases c WHERE c.level = 'town' AND c.status IN ('open', 'in_progress')
                        AND NOT EXISTS (SELECT 1 FROM meeting_items i WHERE i.meeting_id = m.id AND i.case_id = c.id)) AS items,
                   (SELECT COUNT(*) FROM meeting_items i WHERE i.meeting_id = m.id AND i.decided_at IS NOT NULL) AS decided,
                   d.title AS last_title, d.decision_kind AS last_kind, d.assignee AS last_assignee
            FROM meetings m
            LEFT JOIN meeting_items d ON d.id = (
                SELECT i.id FROM meeting_items i WHERE i.meeting_id = m.id AND i.decided_at IS NOT NULL ORDER BY i.decided_at DESC, i.id DESC LIMIT 1)
            WHERE m.status = 'in_session'
            ORDER BY m.id DESC LIMIT 1
            """);
    }

    internal static async Task<MeetingAgenda?> LoadAgendaAsync(DbConnection connection, DbTransaction? tx, long meetingId)
    {
        await using var results = await connection.QueryMultipleAsync(
            $"""
            SELECT {MeetingColumns} FROM meetings WHERE id = @meetingId;
            SELECT {ItemColumns} FROM meeting_items WHERE meeting_id = @meetingId;
            {CaseQueries.SelectCase}
            WHERE (c.level = 'town' AND c.status IN ('open', 'in_progress')
                   AND EXISTS (SELECT 1 FROM meetings x WHERE x.id = @meetingId AND x.status = 'in_session'))
               OR c.id IN (SELECT case_id FROM meeting_items WHERE meeting_id = @meetingId);
            """,
            new { meetingId },
            tx);
        var meeting = await results.ReadSingleOrDefaultAsync<MeetingRow>();
        var items = (await results.ReadAsync<MeetingItemRow>()).AsList();
        var cases = (await results.ReadAsync<CaseRow>()).AsList();
        return meeting is null ? null : new MeetingAgenda(meeting, MeetingRules.BuildAgenda(meeting, items, cases));
    }
}
