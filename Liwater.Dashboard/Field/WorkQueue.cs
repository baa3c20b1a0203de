using Liwater.Data.Cases;

namespace Liwater.Dashboard.Field;

/// <summary>Which cases 「我的待办」 shows: all of them, only those assigned to me, or my compounds' / community's.</summary>
public enum WorkScope
{
    All,
    Mine,
    Area,
}

/// <summary>One row of 「我的待办」: the case, and whether it is assigned to the reader.</summary>
public sealed record WorkItem(CaseRow Case, bool Mine);

/// <summary>
/// 「我的待办」's list from two reads of the case list's own query — the cases assigned to me and the active cases of my
/// area (a steward's compounds, staff's community) — merged once each and ordered by the next mark due as
/// <see cref="DeadlinePolicy.Next"/> says (the one clock; the stored due_at is the same value, but a row read before a
/// watchdog refresh is ordered by what its chip shows). Cases with no mark due come last.
/// </summary>
public static class WorkQueue
{
    public static IReadOnlyList<WorkItem> Build(IEnumerable<CaseRow> mine, IEnumerable<CaseRow> area, WorkScope scope, DeadlinePolicy deadlines, long meId)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var rows = scope switch
        {
            WorkScope.Mine => mine,
            WorkScope.Area => area,
            _ => mine.Concat(area),
        };
        return rows
            .Where(c => CaseStatuses.IsActive(c.Status))
            .DistinctBy(c => c.Id)
            .Select(c => new WorkItem(c, c.AssigneeId == meId && meId != 0))
            .OrderBy(w => deadlines.Next(w.Case)?.DueAt ?? long.MaxValue)
            .ThenBy(w => w.Case.Id)
            .ToList();
    }
}
