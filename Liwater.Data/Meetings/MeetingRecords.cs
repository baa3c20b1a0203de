using Liwater.Data.Cases;

namespace Liwater.Data.Meetings;

public static class MeetingStatuses
{
    public const string InSession = "in_session";
    public const string Closed = "closed";
}

/// <summary>The decisions a joint meeting records on an agenda item.</summary>
public enum DecisionKind
{
    /// <summary>Hand the matter to a town department or unit with a deadline.</summary>
    Assign,

    /// <summary>Send the case back to its community with instructions.</summary>
    Return,

    /// <summary>The matter is settled.</summary>
    Resolve,

    /// <summary>A recorded conclusion on an item the chair added (no case to act on).</summary>
    Note,
}

/// <summary>One row of <c>meetings</c>.</summary>
public sealed record MeetingRow
{
    public long Id { get; init; }
    public string HeldOn { get; init; } = "";
    public string Chair { get; init; } = "";
    public string Attendees { get; init; } = "";
    public string Status { get; init; } = MeetingStatuses.InSession;
    public long OpenedAt { get; init; }
    public long? ClosedAt { get; init; }
    public long Version { get; init; }

    public bool InSession => Status == MeetingStatuses.InSession;
}

/// <summary>One row of <c>meeting_items</c>: a decided case, a case left undecided at close, or a chair's own item.</summary>
public sealed record MeetingItemRow
{
    public long Id { get; init; }
    public long MeetingId { get; init; }
    public long? CaseId { get; init; }
    public string Title { get; init; } = "";
    public long SortOrder { get; init; }
    public string? DecisionKind { get; init; }
    public string? DecisionText { get; init; }
    public string? Assignee { get; init; }
    public string? DueOn { get; init; }
    public long? DecidedAt { get; init; }
}

/// <summary>
/// One line of the agenda as shown: a stored item and/or a town-level case. <see cref="Case"/> is the case as it is
/// now (null for an item the chair added); <see cref="Item"/> is null for a case not yet decided.
/// </summary>
public sealed record AgendaItem(MeetingItemRow? Item, CaseRow? Case)
{
    /// <summary>Gets a key that stays the same while the item moves from "live case" to "decided": c{caseId} or i{itemId}.</summary>
    public string Key => Case is { } c ? $"c{c.Id}" : $"i{Item!.Id}";

    public string Title => Case?.Title ?? Item?.Title ?? "";

    public bool IsDecided => Item?.DecidedAt is not null;
}

/// <summary>A meeting with its agenda, in order: cases (oldest first), then the items the chair added.</summary>
public sealed record MeetingAgenda(MeetingRow Meeting, IReadOnlyList<AgendaItem> Items)
{
    public int DecidedCount => Items.Count(i => i.IsDecided);
}

/// <summary>What the open form sends.</summary>
public sealed record NewMeeting
{
    public DateOnly? HeldOn { get; init; }
    public string? Chair { get; init; }
    public string? Attendees { get; init; }
}

/// <summary>A decision on one agenda item: a case (<see cref="CaseId"/> with its version) or a chair's item (<see cref="ItemId"/>).</summary>
public sealed record MeetingDecision
{
    public long? CaseId { get; init; }
    public long ExpectedCaseVersion { get; init; }
    public long? ItemId { get; init; }
    public DecisionKind? Kind { get; init; }
    public string? Assignee { get; init; }
    public DateOnly? DueOn { get; init; }
    public string? Text { get; init; }
}

public sealed record MeetingResult
{
    public CaseOutcome Outcome { get; init; }
    public long? MeetingId { get; init; }
    public IReadOnlyDictionary<string, DataError> Errors { get; init; } = new Dictionary<string, DataError>();
    public DataError? Error { get; init; }

    /// <summary>Gets the case as it is now when a decision on it met a newer version.</summary>
    public CaseRow? CurrentCase { get; init; }

    public bool Succeeded => Outcome == CaseOutcome.Ok;

    public static MeetingResult Ok(long meetingId) => new() { Outcome = CaseOutcome.Ok, MeetingId = meetingId };

    public static MeetingResult Invalid(IReadOnlyDictionary<string, DataError> errors) =>
        new() { Outcome = CaseOutcome.Invalid, Errors = errors, Error = new(CaseErrors.InvalidInput) };

    public static MeetingResult Refused(DataError error) => new() { Outcome = CaseOutcome.Refused, Error = error };

    public static MeetingResult Refused(string code) => Refused(new DataError(code));
}

/// <summary>What the big screen shows while a meeting is in session.</summary>
public sealed record MeetingScreenSummary
{
    public long Id { get; init; }
    public string HeldOn { get; init; } = "";
    public string Chair { get; init; } = "";
    public long OpenedAt { get; init; }
    public long Items { get; init; }
    public long Decided { get; init; }
    public string? LastTitle { get; init; }
    public string? LastKind { get; init; }
    public string? LastAssignee { get; init; }
}
