using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Notifications;

/// <summary>
/// The "due soon" side of the deadline watchdog: on the watchdog's clock (the same run that records breaches) and the
/// same <see cref="DeadlinePolicy"/> marks, records each unmet mark of an active case that falls due within the lead
/// time — once per case, mark, level and due time — as a change-log entry the notification reader turns into alerts.
/// Running it twice changes nothing.
/// </summary>
public sealed class DeadlineWarnings(Db db, CaseCommands cases)
{
    /// <summary>Records marks due in (<paramref name="nowMs"/>, <paramref name="nowMs"/> + <paramref name="leadMs"/>]; returns how many were new.</summary>
    public Task<int> RecordDueSoonAsync(long nowMs, long leadMs, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (connection, tx) =>
        {
            // due_at is the next unmet mark (DeadlinePolicy.Next); later marks fall due after it, so the stored column
            // is enough to pick the candidates.
            var candidates = await connection.QueryAsync<CaseRow>(
                CaseQueries.SelectCase + " WHERE c.status IN ('open', 'in_progress') AND c.due_at > @nowMs AND c.due_at <= @until",
                new { nowMs, until = nowMs + leadMs }, tx);
            var recorded = 0;
            foreach (var c in candidates)
            {
                foreach (var mark in cases.Deadlines.Marks(c).Where(m => !m.Met && m.DueAt > nowMs && m.DueAt <= nowMs + leadMs))
                {
                    var inserted = await connection.ExecuteAsync(
                        """
                        INSERT INTO case_due_warnings (case_id, mark, level, due_at, recorded_at) VALUES (@caseId, @mark, @level, @dueAt, @nowMs)
                        ON CONFLICT (case_id, mark, level, due_at) DO NOTHING
                        """,
                        new { caseId = c.Id, mark = mark.Mark, level = mark.Level, dueAt = mark.DueAt, nowMs }, tx);
                    if (inserted == 1)
                    {
                        recorded++;
                        await ChangeLog.AppendAsync(connection, tx, nowMs, ChangeKinds.CaseDeadlineDueSoon, "case", c.Id, c.CommunityId, $"{c.Code} {c.Title}");
                    }
                }
            }

            return recorded;
        }, cancellationToken);
}
