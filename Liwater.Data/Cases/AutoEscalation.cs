using System.Globalization;
using System.Text.Json;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Cases;

/// <summary>
/// Applies the automatic escalation rules: a case left open past its deadline by the rule's margin moves up a level
/// with an automatic reason, written as an <c>escalated</c> case event by the system actor and a
/// <see cref="ChangeKinds.CaseEscalated"/> change. Each rule applies to a case at most once, whatever happens next.
/// </summary>
public sealed class AutoEscalation(Db db)
{
    /// <summary>The actor name of everything the system does on its own (the demo data uses the same).</summary>
    public const string SystemActor = "系统";

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
                    var overdueMs = (long)(rule.OverdueDays * DayMs);
                    var candidates = await connection.QueryAsync<Candidate>(
                        """
                        SELECT k.id, k.code, k.community_id AS CommunityId, k.due_at AS DueAt
                        FROM cases k
                        WHERE k.status IN ('open', 'in_progress') AND k.level = @from
                          AND k.due_at IS NOT NULL AND k.due_at <= @latestDue
                          AND NOT EXISTS (SELECT 1 FROM case_events e
                                          WHERE e.case_id = k.id AND e.kind = 'escalated' AND e.actor = @actor
                                            AND e.from_level = @from AND e.to_level = @to)
                        ORDER BY k.id
                        """,
                        new { from = rule.FromLevel, to = rule.ToLevel, latestDue = nowMs - overdueMs, actor = SystemActor },
                        transaction);
                    foreach (var c in candidates)
                    {
                        var overdueDays = (nowMs - c.DueAt) / (double)DayMs;
                        var reason = string.Format(
                            CultureInfo.InvariantCulture,
                            "超过处理时限 {0:0.#} 天仍未办结（规则：{1} 级超期 {2} 天），系统自动提交{3}。",
                            overdueDays, LevelName(rule.FromLevel), rule.OverdueDays, rule.AssignedUnitName);
                        await connection.ExecuteAsync(
                            """
                            UPDATE cases SET level = @to, level_entered_at = @now, due_at = @due,
                                assigned_unit_kind = @unitKind, assigned_unit_name = @unitName,
                                updated_at = @now, version = version + 1
                            WHERE id = @id
                            """,
                            new
                            {
                                id = c.Id, to = rule.ToLevel, now = nowMs, due = nowMs + (long)(rule.NewDeadlineDays * DayMs),
                                unitKind = rule.AssignedUnitKind, unitName = rule.AssignedUnitName,
                            },
                            transaction);
                        var data = JsonSerializer.Serialize(new { automatic = true, rule.OverdueDays, dueAt = c.DueAt });
                        await connection.ExecuteAsync(
                            """
                            INSERT INTO case_events (case_id, kind, at, user_id, actor, body, from_level, to_level, data)
                            VALUES (@id, 'escalated', @now, NULL, @actor, @reason, @from, @to, @data)
                            """,
                            new { id = c.Id, now = nowMs, actor = SystemActor, reason, from = rule.FromLevel, to = rule.ToLevel, data },
                            transaction);
                        await ChangeLog.AppendAsync(
                            connection, transaction, nowMs, ChangeKinds.CaseEscalated, "case", c.Id, c.CommunityId,
                            $"{c.Code} 超期未办结，自动提交{rule.AssignedUnitName}");
                        escalated.Add(c.Id);
                    }
                }

                return escalated;
            },
            cancellationToken);
    }

    private static string LevelName(string level) => level switch
    {
        "compound" => "小区",
        "community" => "社区",
        _ => "镇",
    };

    private sealed record Candidate
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public long CommunityId { get; init; }
        public long DueAt { get; init; }
    }
}
