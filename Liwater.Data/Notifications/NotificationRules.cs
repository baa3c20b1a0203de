using Liwater.Data.Cases;
using Liwater.Data.Changes;

namespace Liwater.Data.Notifications;

/// <summary>
/// Who is told what — the one rule, as pure code over rows (decision 0135):
/// <list type="bullet">
/// <item><b>what</b>: <see cref="Classify"/> turns a change-log entry (and the timeline event written with it) into a
/// notification kind, or none;</item>
/// <item><b>who</b>: <see cref="Recipients"/> — the people who work the case at the level the event concerns
/// (compound: the stewards of its compound and the staff of its community; community: the community's staff; town:
/// the town office and the joint-meeting chairs), its named assignee, and for a decision also everyone who recorded
/// work on it; never the person who acted, never an inactive or read-only account, never someone <see cref="CaseAccess"/>
/// does not let read the case. An assignment tells the assignee only.</item>
/// </list>
/// </summary>
public static class NotificationRules
{
    /// <summary>
    /// The timeline event of a named-person assignment (written by the case command's AssignPerson, issue 13 item 4).
    /// The one line that subscribes alerts to it is its entry in <see cref="Classify"/>.
    /// </summary>
    public const string AssignedPersonEvent = CaseEventKinds.AssignedPerson;

    /// <summary>The change-log kinds the reader looks at (everything else is skipped without a read).</summary>
    public static readonly IReadOnlySet<string> ChangeKindsRead = new HashSet<string>(StringComparer.Ordinal)
    {
        ChangeKinds.CaseOpened, ChangeKinds.CaseEscalated, ChangeKinds.CaseReturned, ChangeKinds.CaseUpdated, ChangeKinds.CaseResolved,
        ChangeKinds.CaseDeadlineBreached, ChangeKinds.CaseDeadlineDueSoon,
    };

    /// <summary>
    /// The notification kind of a change, or null: <paramref name="eventKind"/> is the case's timeline event written in
    /// the same transaction (null for watchdog entries), <paramref name="meetingDecision"/> whether a joint-meeting item
    /// was decided on the case in it.
    /// </summary>
    public static string? Classify(string changeKind, string? eventKind, bool meetingDecision) => changeKind switch
    {
        ChangeKinds.CaseOpened => NotificationKinds.CaseOpened,
        ChangeKinds.CaseDeadlineDueSoon => NotificationKinds.DueSoon,
        ChangeKinds.CaseDeadlineBreached => NotificationKinds.Breached,
        _ when meetingDecision => NotificationKinds.Decision,
        ChangeKinds.CaseEscalated => NotificationKinds.Escalated,
        ChangeKinds.CaseReturned => NotificationKinds.Escalated,
        ChangeKinds.CaseUpdated when eventKind == CaseEventKinds.MotionResult => NotificationKinds.Decision,
        ChangeKinds.CaseUpdated when eventKind == AssignedPersonEvent => NotificationKinds.Assigned,
        _ => null,
    };

    /// <summary>Whether <paramref name="user"/> works a case at the level of <paramref name="facts"/>.</summary>
    public static bool WorksLevel(Recipient user, CaseEventFacts facts) => facts.Level switch
    {
        CaseLevels.Compound =>
            (user.Role == Roles.PropertySteward && user.AsUser().CompoundIds.Contains(facts.CompoundId))
            || (user.Role == Roles.CommunityStaff && user.CommunityId == facts.CommunityId),
        CaseLevels.Community => user.Role == Roles.CommunityStaff && user.CommunityId == facts.CommunityId,
        CaseLevels.Town => user.Role is Roles.TownOffice or Roles.Chair,
        _ => false,
    };

    /// <summary>The accounts told about a <paramref name="kind"/> event with <paramref name="facts"/>, in id order.</summary>
    public static IReadOnlyList<long> Recipients(string kind, CaseEventFacts facts, IEnumerable<Recipient> users)
    {
        var readable = new CaseRow { Id = facts.CaseId, CommunityId = facts.CommunityId, CompoundId = facts.CompoundId, Level = facts.Level, SourceChannel = facts.SourceChannel };
        return [.. users
            .Where(u => u.IsActive && u.Id != facts.ActorId && CaseAccess.CanActAny(u.AsUser()))
            .Where(u => kind == NotificationKinds.Assigned
                ? u.Id == facts.AssigneeId
                : WorksLevel(u, facts) || u.Id == facts.AssigneeId || (kind == NotificationKinds.Decision && facts.Workers.Contains(u.Id)))
            .Where(u => CaseAccess.CanRead(u.AsUser(), readable))
            .Select(u => u.Id)
            .Distinct()
            .Order()];
    }
}
