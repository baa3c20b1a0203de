using Liwater.Data.Cases;

namespace Liwater.Dashboard.Field;

/// <summary>The alert counts of a work list, from its rows: new (no reply yet), due within the lead time, overdue.</summary>
public static class FieldAlerts
{
    public static (int New, int DueSoon, int Breached) Count(IEnumerable<CaseRow> cases, long nowMs, long dueSoonMs)
    {
        var (fresh, soon, late) = (0, 0, 0);
        foreach (var c in cases.Where(c => CaseStatuses.IsActive(c.Status)))
        {
            fresh += c.RepliedAt is null && c.Status == CaseStatuses.Open ? 1 : 0;
            if (c.DueAt is { } due)
            {
                soon += due > nowMs && due - nowMs <= dueSoonMs ? 1 : 0;
                late += due <= nowMs ? 1 : 0;
            }
        }

        return (fresh, soon, late);
    }
}
