namespace Liwater.Data.Cases;

/// <summary>The three levels of the joint-meeting path, lowest first.</summary>
public static class CaseLevels
{
    public const string Compound = "compound";
    public const string Community = "community";
    public const string Town = "town";

    public static readonly string[] All = [Compound, Community, Town];

    public static string? Above(string level) => Array.IndexOf(All, level) is var i and >= 0 and < 2 ? All[i + 1] : null;

    public static string? Below(string level) => Array.IndexOf(All, level) is var i and > 0 ? All[i - 1] : null;
}

public static class CaseStatuses
{
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";

    /// <summary>A report staff marked as spam: out of every queue and count of work, kept (nothing is deleted).</summary>
    public const string Spam = "spam";

    public static readonly IReadOnlyList<string> All = [Open, InProgress, Resolved, Closed, Cancelled, Spam];

    public static bool IsActive(string status) => status is Open or InProgress;
}

/// <summary>The kinds of timeline events; the page words each as <c>Event_{kind}</c>.</summary>
public static class CaseEventKinds
{
    public const string Opened = "opened";
    public const string Reply = "reply";
    public const string Action = "action";
    public const string Result = "result";
    public const string Consultation = "consultation";
    public const string Pairing = "pairing";
    public const string Escalated = "escalated";
    public const string Returned = "returned";
    public const string Assigned = "assigned";
    public const string Resolved = "resolved";
    public const string ConfirmedSatisfied = "confirmed_satisfied";
    public const string ConfirmedUnsatisfied = "confirmed_unsatisfied";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";

    /// <summary>A roundtable council's vote on a motion raised from the case (recorded through the case command).</summary>
    public const string MotionResult = "motion_result";

    /// <summary>Photo evidence added on its own.</summary>
    public const string Photo = "photo";

    /// <summary>A report marked as spam.</summary>
    public const string Spam = "spam";

    /// <summary>The case was assigned to a named person (or the assignment was cleared); staff only, never public.</summary>
    public const string AssignedPerson = "assigned_person";

    public static readonly IReadOnlyList<string> All =
        [Opened, Reply, Action, Result, Consultation, Pairing, Escalated, Returned, Assigned, Resolved, ConfirmedSatisfied, ConfirmedUnsatisfied, Closed, Cancelled, MotionResult, Photo, Spam, AssignedPerson];
}

/// <summary>Who a case is assigned to.</summary>
public static class UnitKinds
{
    public static readonly IReadOnlyList<string> All = ["property_company", "community_office", "town_department", "paired_branch"];
}

/// <summary>One row of <c>cases</c> with the names a page shows beside it.</summary>
public sealed record CaseRow
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public long CommunityId { get; init; }
    public string CommunityName { get; init; } = "";
    public long CompoundId { get; init; }
    public string CompoundName { get; init; } = "";
    public long? BuildingId { get; init; }
    public string? BuildingName { get; init; }
    public string Category { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string SourceChannel { get; init; } = "";
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public string Level { get; init; } = CaseLevels.Compound;
    public string Status { get; init; } = CaseStatuses.Open;
    public string? AssignedUnitKind { get; init; }
    public string? AssignedUnitName { get; init; }
    public string? PairedUnit { get; init; }

    /// <summary>Gets the named person the case is assigned to (users.id), if any (see <see cref="CaseActionKind.AssignPerson"/>).</summary>
    public long? AssigneeId { get; init; }

    /// <summary>Gets the assigned person's display name, read with the case.</summary>
    public string? AssigneeName { get; init; }
    public long ConsultationRounds { get; init; }
    public long OpenedAt { get; init; }
    public long LevelEnteredAt { get; init; }
    public long? RepliedAt { get; init; }
    public long? ActionAt { get; init; }
    public long? ResultAt { get; init; }
    public long? ResolvedAt { get; init; }
    public long? ClosedAt { get; init; }
    public long? DueAt { get; init; }

    /// <summary>Gets the deadline a joint-meeting chair set when assigning the case (UTC ms), if any.</summary>
    public long? AssignedDueAt { get; init; }
    public long UpdatedAt { get; init; }
    public long Version { get; init; }
    public long BreachCount { get; init; }

    /// <summary>Gets how many rows matched the list's filters (filled by list queries only).</summary>
    public long TotalCount { get; init; }
}

public sealed record CaseEventRow
{
    public long Id { get; init; }
    public long CaseId { get; init; }
    public string Kind { get; init; } = "";
    public long At { get; init; }
    public long? UserId { get; init; }
    public string Actor { get; init; } = "";
    public string? Body { get; init; }
    public string? FromLevel { get; init; }
    public string? ToLevel { get; init; }
    public string? Data { get; init; }
}

public sealed record CaseBreachRow
{
    public long CaseId { get; init; }
    public string Mark { get; init; } = "";
    public string Level { get; init; } = "";
    public long DueAt { get; init; }
    public long RecordedAt { get; init; }
}

/// <summary>A case with its timeline and breaches, for the case page.</summary>
public sealed record CaseDetail(CaseRow Case, IReadOnlyList<CaseEventRow> Events, IReadOnlyList<CaseBreachRow> Breaches);

/// <summary>The case list's filters, sort and page. Null filters mean "any".</summary>
public sealed record CaseFilter
{
    public long? CommunityId { get; init; }
    public long? CompoundId { get; init; }

    /// <summary>Gets the person the cases must be assigned to (「我的待办」's "mine").</summary>
    public long? AssigneeId { get; init; }
    public string? Level { get; init; }
    public string? Status { get; init; }
    public string? Category { get; init; }
    public bool OverdueOnly { get; init; }
    public bool ActiveOnly { get; init; }
    public string? Text { get; init; }
    public string SortBy { get; init; } = "opened_at";
    public bool Descending { get; init; } = true;
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record CasePage(IReadOnlyList<CaseRow> Items, int Total);

/// <summary>What the create form sends. Strings are kept exactly as typed (HTML included; pages render text).</summary>
public sealed record NewCase
{
    public long? CompoundId { get; init; }
    public long? BuildingId { get; init; }
    public string? Category { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? SourceChannel { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public string? Level { get; init; } = CaseLevels.Compound;
    public string? AssignedUnitKind { get; init; }
    public string? AssignedUnitName { get; init; }
}

/// <summary>The timeline actions a user can take on a case.</summary>
public enum CaseActionKind
{
    Reply,
    FollowUp,
    Result,
    Consultation,
    Pairing,
    Escalate,
    Return,
    Resolve,
    ConfirmSatisfied,
    ConfirmUnsatisfied,
    Close,
    Cancel,

    /// <summary>The joint meeting hands a town-level case to a town department or unit with a deadline.</summary>
    Assign,

    /// <summary>A roundtable council's vote on a motion raised from the case; written by the council's close, never from a form.</summary>
    MotionResult,

    /// <summary>Photo evidence added to the case on its own (photos with a reply or result travel with that action).</summary>
    Photo,

    /// <summary>Staff mark a report as spam: a final status; the case and its rows are kept.</summary>
    MarkSpam,

    /// <summary>
    /// The case is assigned to a named person who can work it (<see cref="CaseAction.PersonId"/>; null clears the
    /// assignment). Who may be named is <see cref="CaseAccess.AssigneeRefusal"/>.
    /// </summary>
    AssignPerson,
}

/// <summary>One action with its inputs; which fields matter depends on <see cref="Kind"/>.</summary>
public sealed record CaseAction
{
    public CaseActionKind Kind { get; init; }
    public string? Body { get; init; }
    /// <summary>Gets the consultation's local date (must not be in the future).</summary>
    public DateOnly? HeldOn { get; init; }
    public string? Participants { get; init; }
    public string? UnitName { get; init; }

    /// <summary>Gets the person to assign the case to (for <see cref="CaseActionKind.AssignPerson"/>; null clears it).</summary>
    public long? PersonId { get; init; }

    /// <summary>Gets the local date an assignment is due (for <see cref="CaseActionKind.Assign"/>).</summary>
    public DateOnly? DueOn { get; init; }

    /// <summary>Gets the instant <see cref="DueOn"/> ends in the town's time zone (set by the command, not the user).</summary>
    public long? DueAt { get; init; }

    /// <summary>
    /// Gets a reason worded by the UI instead of typed text, for what the system or another body records (the
    /// watchdog's escalation, a council's result). Stored in the event's data; no form can send one.
    /// </summary>
    public DataError? Reason { get; init; }

    /// <summary>Gets further facts stored with the timeline event (e.g. the motion and its tally).</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }
}

public enum CaseOutcome
{
    Ok,
    Invalid,
    Refused,
    Conflict,
    NotFound,
}

/// <summary>
/// The result of a command: on a conflict <see cref="Version"/> is the case's current version and
/// <see cref="Current"/> the case as it is now (to show what changed); <see cref="Error"/> says why, as a code.
/// </summary>
public sealed record CaseCommandResult
{
    public CaseOutcome Outcome { get; init; }
    public long? CaseId { get; init; }
    public long? Version { get; init; }
    public IReadOnlyDictionary<string, DataError> Errors { get; init; } = new Dictionary<string, DataError>();
    public DataError? Error { get; init; }

    /// <summary>Gets the case as it is now, on a conflict (the user could read it: rights are checked first).</summary>
    public CaseRow? Current { get; init; }

    /// <summary>Gets the latest timeline event, on a conflict: what the other user did.</summary>
    public CaseEventRow? LatestEvent { get; init; }

    public bool Succeeded => Outcome == CaseOutcome.Ok;

    public static CaseCommandResult Invalid(IReadOnlyDictionary<string, DataError> errors) =>
        new() { Outcome = CaseOutcome.Invalid, Errors = errors, Error = new(CaseErrors.InvalidInput) };

    public static CaseCommandResult Refused(DataError error) => new() { Outcome = CaseOutcome.Refused, Error = error };
}

/// <summary>A compound for the create form and the filters.</summary>
public sealed record CompoundRef
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public long CommunityId { get; init; }
    public string CommunityName { get; init; } = "";
}

/// <summary>An account as a possible assignee of a case: who it is and what it may work (read in the write transaction).</summary>
public sealed record CaseAssignee
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public long? CommunityId { get; init; }
    public bool IsActive { get; init; }

    /// <summary>Gets a steward's compound ids, comma-separated (null for other roles).</summary>
    public string? CompoundList { get; init; }

    /// <summary>The person as the case rules see a user, so that "may work this case" is the one rule of <see cref="CaseAccess"/>.</summary>
    public ActingUser AsUser() => new()
    {
        Id = Id,
        Username = Username,
        DisplayName = DisplayName,
        Role = Role,
        CommunityId = CommunityId,
        CompoundIds = string.IsNullOrEmpty(CompoundList) ? [] : [.. CompoundList.Split(',').Select(x => long.Parse(x, System.Globalization.CultureInfo.InvariantCulture))],
    };
}
