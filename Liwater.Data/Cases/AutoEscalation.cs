using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Cases;

/// <summary>
/// Applies the automatic escalation rules through the same case command a clerk's escalation uses (state machine,
/// deadline policy, timeline event, audit and change log), acting as the system. Each rule applies to a case at most
/// once, whatever happens to it next.
/// </summary>
public sealed class AutoEscalation(Db db, CaseCommands commands)
{
    /// <summary>The system as an acting user (<see cref="ActingUser.System"/>), whose acts the rules recognise.</summary>
    public static ActingUser System => ActingUser.System;

    private const long DayMs = 24 * 60 * 60 * 1000L;

    /// <summary>Escalates every case the rules select at <paramref name="nowMs"/>; returns the ids escalated.</summary>
    public Task<IReadOnlyList<long>> RunAsync(IReadOnlyList<AutoEscalationRule> rules, long nowMs, CancellationToken cancellationToken = default)
    {
        if (rules.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<long>>([]);
        }

        return db.WriteAsync<IReadOnlyList<long>>(
            async (connection, transaction) =>
            {
                var escalated = new List<long>();
                foreach (var rule in rules)
                {
                    var candidates = await connection.QueryAsync<Candidate>(
                        """
                        SELECT k.id, k.due_at, k.version
                        FROM cases k
                        WHERE k.status IN ('open', 'in_progress') AND k.level = @from
                          AND k.due_at IS NOT NULL AND k.due_at <= @latestDue
                          AND NOT EXISTS (SELECT 1 FROM case_events e
                                          WHERE e.case_id = k.id AND e.kind = 'escalated' AND e.user_id IS NULL AND e.actor IN (@system, @storedSystem)
                                            AND e.from_level = @from AND e.to_level = @to)
                        ORDER BY k.id
                        """,
                        new { from = rule.FromLevel, to = rule.ToLevel, latestDue = nowMs - (long)(rule.OverdueDays * DayMs), system = ActorNames.SystemStoredForms[0], storedSystem = ActorNames.SystemStoredForms[1] },
                        transaction);
                    foreach (var c in candidates)
                    {
                        // The reason is a code the page words in its reader's language: days overdue (one decimal), the rule.
                        var reason = new DataError(
                            CaseErrors.AutoEscalationReason,
                            Math.Round((nowMs - c.DueAt) / (double)DayMs, 1), CaseWords.Level(rule.FromLevel), rule.OverdueDays);
                        var result = await commands.ApplyInTransactionAsync(
                            connection, transaction, System, c.Id, c.Version, new CaseAction { Kind = CaseActionKind.Escalate, Reason = reason }, nowMs);
                        if (result.Succeeded)
                        {
                            escalated.Add(c.Id);
                        }
                    }
                }

                return escalated;
            },
            cancellationToken);
    }

    private sealed record Candidate
    {
        public long Id { get; init; }
        public long DueAt { get; init; }
        public long Version { get; init; }
    }
}
