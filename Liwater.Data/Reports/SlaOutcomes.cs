using Liwater.Data.Cases;

namespace Liwater.Data.Reports;

/// <summary>One deadline mark that fell due in a window, and whether it was breached.</summary>
public sealed record MarkOutcome(long CaseId, string Mark, string Level, long DueAt, bool Breached);

/// <summary>A recorded breach (a <c>case_breaches</c> row).</summary>
public sealed record BreachFact(long CaseId, string Mark, string Level, long DueAt);

/// <summary>
/// SLA outcomes over a window with the one definition of the deadline clocks, <see cref="DeadlinePolicy"/>: which
/// marks a case carries, when each falls due and which step meets it all come from the policy. A mark counts in the
/// window it falls due in; it is met if the policy, looking at the case as it stood at the due time, calls it met.
/// Marks of earlier levels are known from the breaches the watchdog recorded (a level left in time has no mark).
/// </summary>
public static class SlaOutcomes
{
    /// <summary>The outcomes of the marks of <paramref name="cases"/> and <paramref name="breaches"/> due in [from, to).</summary>
    public static IEnumerable<MarkOutcome> Evaluate(DeadlinePolicy policy, IEnumerable<CaseRow> cases, IEnumerable<BreachFact> breaches, long fromMs, long toMs)
    {
        // A recorded breach is identified by its case, mark and due time (its level may be one the case has left).
        var recorded = breaches.Where(b => b.DueAt >= fromMs && b.DueAt < toMs).ToDictionary(b => (b.CaseId, b.Mark, b.DueAt));
        var seen = new HashSet<(long, string, long)>();
        foreach (var c in cases)
        {
            foreach (var mark in policy.Marks(c))
            {
                if (mark.DueAt < fromMs || mark.DueAt >= toMs || (c.Status == CaseStatuses.Cancelled && c.ClosedAt <= mark.DueAt))
                {
                    // Outside the window, or the case was withdrawn before the mark fell due.
                    continue;
                }

                var key = (c.Id, mark.Mark, mark.DueAt);
                seen.Add(key);
                var metInTime = policy.Marks(AsOf(c, mark.DueAt)).Any(m => m.Mark == mark.Mark && m.DueAt == mark.DueAt && m.Met);
                yield return new MarkOutcome(c.Id, mark.Mark, mark.Level, mark.DueAt, !metInTime || recorded.ContainsKey(key));
            }
        }

        foreach (var (key, breach) in recorded)
        {
            if (!seen.Contains(key))
            {
                yield return new MarkOutcome(breach.CaseId, breach.Mark, breach.Level, breach.DueAt, Breached: true);
            }
        }
    }

    /// <summary>The case as it stood at <paramref name="atMs"/>: the steps taken later are not yet taken.</summary>
    public static CaseRow AsOf(CaseRow c, long atMs) => c with
    {
        RepliedAt = c.RepliedAt <= atMs ? c.RepliedAt : null,
        ActionAt = c.ActionAt <= atMs ? c.ActionAt : null,
        ResultAt = c.ResultAt <= atMs ? c.ResultAt : null,
        ResolvedAt = c.ResolvedAt <= atMs ? c.ResolvedAt : null,
    };
}
