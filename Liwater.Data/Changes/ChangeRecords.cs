namespace Liwater.Data.Changes;

/// <summary>One row of the change log: what kind of change, on which entity, in which community, when.</summary>
public sealed record ChangeEntry
{
    public long Id { get; init; }
    public long At { get; init; }
    public string Kind { get; init; } = "";
    public string Entity { get; init; } = "";
    public long? EntityId { get; init; }
    public long? CommunityId { get; init; }
    public string? Summary { get; init; }
}

/// <summary>The kinds of change the log records; the live feed and the ticker key on these.</summary>
public static class ChangeKinds
{
    public const string CaseOpened = "case.opened";
    public const string CaseUpdated = "case.updated";
    public const string CaseEscalated = "case.escalated";
    public const string CaseReturned = "case.returned";
    public const string CaseResolved = "case.resolved";
    public const string CaseClosed = "case.closed";
    public const string CaseReopened = "case.reopened";
    public const string CaseCancelled = "case.cancelled";
    public const string CaseDeadlineBreached = "case.deadline_breached";

    /// <summary>A deadline mark of an active case falls due within the alert lead time (recorded by the watchdog).</summary>
    public const string CaseDeadlineDueSoon = "case.deadline_due_soon";

    /// <summary>Notifications were created for a user (entity "user", id = the recipient): the bell re-counts.</summary>
    public const string NotificationCreated = "notification.created";

    /// <summary>A user read notifications (entity "user"): the bell in the user's other tabs re-counts.</summary>
    public const string NotificationRead = "notification.read";
    public const string ActivityLogged = "volunteer.activity_logged";
    public const string VolunteerChanged = "volunteer.changed";
    public const string RatingPublished = "rating.published";
    public const string RatingReopened = "rating.reopened";
    public const string ScoreRecorded = "rating.score_recorded";
    public const string StatisticsUpdated = "statistics.updated";
    public const string MeetingChanged = "meeting.changed";
    public const string CouncilChanged = "council.changed";
    public const string MotionClosed = "council.motion_closed";

    /// <summary>A period report was prepared (the scheduled monthly report); the wall's ticker shows it.</summary>
    public const string ReportPublished = "report.published";
    public const string UserChanged = "user.changed";
    public const string DemoLoaded = "demo.loaded";
    public const string ResidentCodesChanged = "resident.codes_changed";

    /// <summary>Every kind that changes a case, for pages that show cases.</summary>
    public static readonly IReadOnlySet<string> CaseChanges = new HashSet<string>(StringComparer.Ordinal)
    {
        CaseOpened, CaseUpdated, CaseEscalated, CaseReturned, CaseResolved, CaseClosed, CaseReopened, CaseCancelled, CaseDeadlineBreached,
    };
}
