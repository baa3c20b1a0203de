namespace Liwater.Data.Meetings;

/// <summary>The codes of what the joint meeting's writes refuse or reject (worded by the UI).</summary>
[ErrorCodes]
public static class MeetingErrors
{
    public const string NotFound = "meeting.not_found";
    public const string NotChair = "meeting.not_chair";

    /// <summary>Args: the sitting meeting's date and chair.</summary>
    public const string AlreadyInSession = "meeting.already_in_session";
    public const string CaseAlreadyDecided = "meeting.case_already_decided";
    public const string ItemAlreadyDecided = "meeting.item_already_decided";
    public const string ItemNotFound = "meeting.item_not_found";
    public const string CaseLeftAgenda = "meeting.case_left_agenda";
    public const string Closed = "meeting.closed";
    public const string Conflict = "meeting.conflict";
    public const string HeldOnFuture = "meeting.held_on_future";
    public const string ChooseKind = "decision.choose_kind";
    public const string CaseKinds = "decision.case_kinds";
    public const string ItemKinds = "decision.item_kinds";
}

/// <summary>The field labels of the meeting's forms (arguments of <see cref="Cases.CaseErrors"/> field codes).</summary>
[ErrorCodes]
public static class MeetingWords
{
    public const string HeldOn = "label.meeting_date";
    public const string Chair = "label.chair";
    public const string Attendees = "label.attendees";
    public const string AgendaTitle = "label.agenda_title";
    public const string ReturnRequirements = "label.return_requirements";
    public const string ResolveNote = "label.resolve_note";
    public const string Decision = "label.meeting_decision";
}
