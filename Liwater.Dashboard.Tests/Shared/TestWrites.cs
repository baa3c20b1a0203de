using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Commits through the data layer the way the cases commands will (a row plus its change-log entry in one
/// transaction), so live tests do not wait for those commands.
/// </summary>
public static class TestWrites
{
    /// <summary>Opens a case in <paramref name="compoundId"/> (the first compound when null); returns ids.</summary>
    public static Task<(long CaseId, long ChangeId, long CommunityId)> OpenCaseAsync(
        Db db, long? compoundId = null, string level = "compound", long? dueAt = null, string title = "测试诉求") =>
        db.WriteAsync(async (c, t) =>
        {
            var compound = await c.QuerySingleAsync<(long Id, long CommunityId)>(
                "SELECT id, community_id FROM compounds WHERE @compoundId IS NULL OR id = @compoundId ORDER BY id LIMIT 1",
                new { compoundId }, t);
            var now = db.NowMs;
            var caseId = await c.ExecuteScalarAsync<long>(
                """
                INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, level, status,
                                   opened_at, level_entered_at, due_at, updated_at)
                VALUES (@code, @community, @compound, 'other', @title, @title, 'test', @level, 'open', @now, @now, @dueAt, @now)
                RETURNING id
                """,
                new { code = "T-" + Guid.NewGuid().ToString("N")[..12], community = compound.CommunityId, compound = compound.Id, title, level, now, dueAt },
                t);
            var changeId = await ChangeLog.AppendAsync(c, t, now, ChangeKinds.CaseOpened, "case", caseId, compound.CommunityId, title);
            return (caseId, changeId, compound.CommunityId);
        });

    /// <summary>Appends a bare change-log entry (for replay and filter tests).</summary>
    public static Task<long> AppendChangeAsync(Db db, string kind, long? communityId, string? summary = null) =>
        db.WriteAsync((c, t) => ChangeLog.AppendAsync(c, t, db.NowMs, kind, "test", null, communityId, summary));

    /// <summary>Appends <paramref name="count"/> change-log entries in one transaction (a burst); returns the last id.</summary>
    public static Task<long> AppendChangesAsync(Db db, string kind, long? communityId, int count, string? summary = null) =>
        db.WriteAsync(async (c, t) =>
        {
            long last = 0;
            for (var i = 0; i < count; i++)
            {
                last = await ChangeLog.AppendAsync(c, t, db.NowMs, kind, "test", i, communityId, summary);
            }

            return last;
        });
}
