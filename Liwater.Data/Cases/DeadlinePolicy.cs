namespace Liwater.Data.Cases;

/// <summary>One deadline of a case: which mark, at which level, when it falls due and whether it was met.</summary>
public sealed record DeadlineMark(string Mark, string Level, long DueAt, bool Met);

/// <summary>
/// Which clock governs a case at each level — the one definition every page, the wall and the watchdog use:
/// <list type="bullet">
/// <item>compound level: property-service cases carry the source's promise — reply, follow-up action and a basic
/// result within 5, 10 and 15 minutes of opening — then the compound limit (3 days by default); other categories the
/// compound limit only. The minute marks belong to the property company, so they apply at compound level only;</item>
/// <item>community level: the community limit (7 days), counted from entering the level;</item>
/// <item>town level: the town limit (15 days) — until the joint meeting assigns the case with a deadline
/// (办结期限, <see cref="CaseRow.AssignedDueAt"/>), which supersedes every earlier clock.</item>
/// </list>
/// <c>cases.due_at</c> stores <see cref="Next"/>, so "overdue" in SQL is <see cref="OverdueSql"/> and in code
/// <see cref="IsOverdue"/>: the same comparison on the same value.
/// </summary>
public sealed class DeadlinePolicy(DeadlineOptions options)
{
    public const string Reply = "reply";
    public const string Action = "action";
    public const string Result = "result";
    public const string LevelMark = "level";
    public const string AssignedMark = "assigned";

    /// <summary>Every mark, for pages that word each one.</summary>
    public static readonly IReadOnlyList<string> AllMarks = [Reply, Action, Result, LevelMark, AssignedMark];

    /// <summary>
    /// The SQL form of <see cref="IsOverdue"/> over the stored <c>due_at</c> (column of table alias-free queries,
    /// parameter <c>@now</c>); active-status filtering is the query's. A test holds the two to the same answers.
    /// </summary>
    public const string OverdueSql = "due_at <= @now";

    private const long MinuteMs = 60_000;
    private const long DayMs = 86_400_000;

    public DeadlineOptions Options => options;

    /// <summary>The marks that govern the case at its present level, in the order they fall due.</summary>
    public IReadOnlyList<DeadlineMark> Marks(CaseRow c)
    {
        if (c.AssignedDueAt is { } assigned)
        {
            // The joint meeting's deadline for the unit it assigned the case to replaces the level's own limit.
            return [new(AssignedMark, c.Level, assigned, c.ResolvedAt is not null)];
        }

        var marks = new List<DeadlineMark>(4);
        if (c.Level == CaseLevels.Compound && c.Category == CaseOptions.PropertyService)
        {
            marks.Add(new(Reply, c.Level, c.OpenedAt + Minutes(options.ReplyMinutes), c.RepliedAt is not null));
            marks.Add(new(Action, c.Level, c.OpenedAt + Minutes(options.ActionMinutes), c.ActionAt is not null));
            marks.Add(new(Result, c.Level, c.OpenedAt + Minutes(options.ResultMinutes), c.ResultAt is not null));
        }

        marks.Add(new(LevelMark, c.Level, c.LevelEnteredAt + LevelLimitMs(c.Level), c.ResolvedAt is not null));
        return marks;
    }

    /// <summary>Whether the case is overdue at <paramref name="nowMs"/>: its governing deadline has come (see <see cref="OverdueSql"/>).</summary>
    public bool IsOverdue(CaseRow c, long nowMs) => Next(c) is { } mark && mark.DueAt <= nowMs;

    /// <summary>The next unmet deadline (possibly already past); null once the case is resolved, closed or cancelled.</summary>
    public DeadlineMark? Next(CaseRow c) =>
        CaseStatuses.IsActive(c.Status) ? Marks(c).FirstOrDefault(m => !m.Met) : null;

    /// <summary>Marks that passed unmet by <paramref name="nowMs"/>.</summary>
    public IEnumerable<DeadlineMark> Breached(CaseRow c, long nowMs) =>
        CaseStatuses.IsActive(c.Status) ? Marks(c).Where(m => !m.Met && m.DueAt <= nowMs) : [];

    /// <summary>The case with <see cref="CaseRow.DueAt"/> set to the next unmet deadline.</summary>
    public CaseRow WithDueAt(CaseRow c) => c with { DueAt = Next(c)?.DueAt };

    public long LevelLimitMs(string level) => (long)((level switch
    {
        CaseLevels.Town => options.TownDays,
        CaseLevels.Community => options.CommunityDays,
        _ => options.CompoundDays,
    }) * DayMs);

    private static long Minutes(double minutes) => (long)(minutes * MinuteMs);
}
