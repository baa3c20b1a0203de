using Liwater.Data.Changes;

namespace Liwater.Data.Cases;

/// <summary>What an allowed action does: the case after it, the timeline event kind and the change-log kind.</summary>
public sealed record CaseTransition(CaseRow After, string EventKind, string ChangeKind, string? FromLevel = null, string? ToLevel = null);

/// <summary>
/// The case life cycle as pure code: open → in_progress (any work step) → resolved → closed (resident satisfied or
/// staff close), with escalation up and return down one level while active, and cancel as a status (nothing is
/// ever deleted). Deadlines are not set here; <see cref="DeadlinePolicy"/> computes them from the result.
/// </summary>
public static class CaseStateMachine
{
    /// <summary>Applies <paramref name="action"/> to <paramref name="current"/> at <paramref name="nowMs"/>, or says why not (Chinese).</summary>
    public static (CaseTransition? Transition, string? Error) Apply(CaseRow current, CaseAction action, long nowMs)
    {
        var active = CaseStatuses.IsActive(current.Status);
        var touched = current with { UpdatedAt = nowMs };
        var working = touched with { Status = CaseStatuses.InProgress };
        switch (action.Kind)
        {
            case CaseActionKind.Reply when active:
                return Ok(working with { RepliedAt = current.RepliedAt ?? nowMs }, "reply", ChangeKinds.CaseUpdated);
            case CaseActionKind.FollowUp when active:
                return Ok(working with { ActionAt = current.ActionAt ?? nowMs }, "action", ChangeKinds.CaseUpdated);
            case CaseActionKind.Result when active:
                return Ok(working with { ResultAt = current.ResultAt ?? nowMs }, "result", ChangeKinds.CaseUpdated);
            case CaseActionKind.Consultation when active:
                return Ok(working with { ConsultationRounds = current.ConsultationRounds + 1 }, "consultation", ChangeKinds.CaseUpdated);
            case CaseActionKind.Pairing when active:
                return Ok(working with { PairedUnit = action.UnitName, AssignedUnitKind = "paired_branch", AssignedUnitName = action.UnitName }, "pairing", ChangeKinds.CaseUpdated);
            case CaseActionKind.Escalate when active:
                return CaseLevels.Above(current.Level) is { } up
                    ? Move(touched, up, "escalated", ChangeKinds.CaseEscalated, nowMs)
                    : Fail("案件已在镇级（联席会议），不能再上报。");
            case CaseActionKind.Return when active:
                return CaseLevels.Below(current.Level) is { } down
                    ? Move(touched, down, "returned", ChangeKinds.CaseReturned, nowMs)
                    : Fail("案件已在小区级，不能再下派。");
            case CaseActionKind.Assign when active:
                // Only the joint meeting assigns, so only at town level. The chair's deadline becomes a deadline mark
                // beside the town's own level limit (see DeadlinePolicy); whichever falls first is due first.
                return current.Level == CaseLevels.Town
                    ? Ok(working with { AssignedUnitKind = "town_department", AssignedUnitName = action.UnitName, AssignedDueAt = action.DueAt }, "assigned", ChangeKinds.CaseUpdated)
                    : Fail("只有镇级案件可由联席会议交办。");
            case CaseActionKind.Resolve when active:
                return Ok(touched with { Status = CaseStatuses.Resolved, ResolvedAt = nowMs }, "resolved", ChangeKinds.CaseResolved);
            case CaseActionKind.ConfirmSatisfied when current.Status == CaseStatuses.Resolved:
                return Ok(touched with { Status = CaseStatuses.Closed, ClosedAt = nowMs }, "confirmed_satisfied", ChangeKinds.CaseClosed);
            case CaseActionKind.ConfirmUnsatisfied when current.Status == CaseStatuses.Resolved:
                // The resident is not satisfied: work resumes at the same level with a fresh level clock.
                return Ok(working with { ResolvedAt = null, LevelEnteredAt = nowMs }, "confirmed_unsatisfied", ChangeKinds.CaseReopened);
            case CaseActionKind.Close when current.Status == CaseStatuses.Resolved:
                return Ok(touched with { Status = CaseStatuses.Closed, ClosedAt = nowMs }, "closed", ChangeKinds.CaseClosed);
            case CaseActionKind.Photo when active || current.Status == CaseStatuses.Resolved:
                return Ok(touched, CaseEventKinds.Photo, ChangeKinds.CaseUpdated);
            case CaseActionKind.MarkSpam when active:
                return Ok(touched with { Status = CaseStatuses.Spam, ClosedAt = nowMs }, CaseEventKinds.Spam, ChangeKinds.CaseCancelled);
            case CaseActionKind.Cancel when active:
                return Ok(touched with { Status = CaseStatuses.Cancelled, ClosedAt = nowMs }, "cancelled", ChangeKinds.CaseCancelled);
            default:
                return Fail(current.Status switch
                {
                    CaseStatuses.Closed => "案件已办结，不能再操作。",
                    CaseStatuses.Cancelled => "案件已撤销，不能再操作。",
                    CaseStatuses.Spam => "该上报已标记为垃圾信息，不能再操作。",
                    CaseStatuses.Resolved => "案件已办理完毕，只能由居民确认或结案。",
                    _ => "案件尚未办理完毕，不能确认或结案。",
                });
        }
    }

    /// <summary>The actions the state machine allows in the case's present state (before role checks).</summary>
    public static IEnumerable<CaseActionKind> Allowed(CaseRow current) =>
        Enum.GetValues<CaseActionKind>().Where(k => Apply(current, new CaseAction { Kind = k, UnitName = "x", DueOn = DateOnly.MaxValue }, current.UpdatedAt).Transition is not null);

    private static (CaseTransition?, string?) Ok(CaseRow after, string eventKind, string changeKind) =>
        (new CaseTransition(after, eventKind, changeKind), null);

    private static (CaseTransition?, string?) Move(CaseRow current, string toLevel, string eventKind, string changeKind, long nowMs) =>
        (new CaseTransition(
            current with { Level = toLevel, LevelEnteredAt = nowMs, Status = CaseStatuses.Open, AssignedUnitKind = DefaultUnitKind(toLevel), AssignedUnitName = null, AssignedDueAt = null },
            eventKind, changeKind, current.Level, toLevel), null);

    private static (CaseTransition?, string?) Fail(string error) => (null, error);

    private static string DefaultUnitKind(string level) => level switch
    {
        CaseLevels.Town => "town_department",
        CaseLevels.Community => "community_office",
        _ => "property_company",
    };
}
