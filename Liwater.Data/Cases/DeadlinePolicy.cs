namespace Liwater.Data.Cases;

/// <summary>One deadline of a case: which mark, at which level, when it falls due and whether it was met.</summary>
public sealed record DeadlineMark(string Mark, string Level, long DueAt, bool Met);

/// <summary>
/// The deadline clocks. Property-service cases carry the source's promise — reply, follow-up action and a basic
/// result within 5, 10 and 15 minutes of opening — and then the level limit; every other category carries the limit
/// of the level it is at (compound 3 days, community 7, town 15 by default), counted from entering that level.
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

    private const long MinuteMs = 60_000;
    private const long DayMs = 86_400_000;

    public DeadlineOptions Options => options;

    /// <summary>Every mark that applies to the case now, in the order they fall due.</summary>
    public IReadOnlyList<DeadlineMark> Marks(CaseRow c)
    {
        var marks = new List<DeadlineMark>(4);
        if (c.Category == CaseOptions.PropertyService)
        {
            marks.Add(new(Reply, c.Level, c.OpenedAt + Minutes(options.ReplyMinutes), c.RepliedAt is not null));
            marks.Add(new(Action, c.Level, c.OpenedAt + Minutes(options.ActionMinutes), c.ActionAt is not null));
            marks.Add(new(Result, c.Level, c.OpenedAt + Minutes(options.ResultMinutes), c.ResultAt is not null));
        }

        marks.Add(new(LevelMark, c.Level, c.LevelEnteredAt + LevelLimitMs(c.Level), c.ResolvedAt is not null));
        if (c.AssignedDueAt is { } assigned)
        {
            // The joint meeting's deadline for the unit it assigned the case to.
            marks.Add(new(AssignedMark, c.Level, assigned, c.ResolvedAt is not null));
            marks.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        }

        return marks;
    }

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
