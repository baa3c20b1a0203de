using Liwater.Data.Changes;

namespace Liwater.Data.Cases;

/// <summary>What an allowed action does: the case after it, the timeline event kind and the change-log kind.</summary>
public sealed record CaseTransition(CaseRow After, string EventKind, string ChangeKind, string? FromLevel = null, string? ToLevel = null);

/// <summary>
/// The case life cycle as pure code: open → in_progress (any work step) → resolved → closed (resident satisfied or
/// staff close), with escalation up and return down one level while active, and cancel as a status (nothing is
/// ever deleted). Moving a case to another level clears the named assignee with the unit: the new level's team takes it
/// (decision 0131). Deadlines are not set here; <see cref="DeadlinePolicy"/> computes them from the result.
/// </summary>
public static class CaseStateMachine
{
    /// <summary>Applies <paramref name="action"/> to <paramref name="current"/> at <paramref name="nowMs"/>, or says why not.</summary>
    public static (CaseTransition? Transition, DataError? Error) Apply(CaseRow current, CaseAction action, long nowMs)
    {
        var active = CaseStatuses.IsActive(current.Status);
        var touched = current with { UpdatedAt = nowMs };
        var working = touched with { Status = CaseStatuses.InProgress };
        switch (action.Kind)
        {
            case CaseActionKind.Reply when active:
                return Ok(working with { RepliedAt = current.RepliedAt ?? nowMs }, CaseEventKinds.Reply, ChangeKinds.CaseUpdated);
            case CaseActionKind.FollowUp when active:
                return Ok(working with { ActionAt = current.ActionAt ?? nowMs }, CaseEventKinds.Action, ChangeKinds.CaseUpdated);
            case CaseActionKind.Result when active:
                return Ok(working with { ResultAt = current.ResultAt ?? nowMs }, CaseEventKinds.Result, ChangeKinds.CaseUpdated);
            case CaseActionKind.Consultation when active:
                return Ok(working with { ConsultationRounds = current.ConsultationRounds + 1 }, CaseEventKinds.Consultation, ChangeKinds.CaseUpdated);
            case CaseActionKind.Pairing when active:
                return Ok(working with { PairedUnit = action.UnitName, AssignedUnitKind = "paired_branch", AssignedUnitName = action.UnitName }, CaseEventKinds.Pairing, ChangeKinds.CaseUpdated);
            case CaseActionKind.Escalate when active:
                return CaseLevels.Above(current.Level) is { } up
                    ? Move(touched, up, CaseEventKinds.Escalated, ChangeKinds.CaseEscalated, nowMs)
                    : Fail(CaseErrors.StateAtTop);
            case CaseActionKind.Return when active:
                return CaseLevels.Below(current.Level) is { } down
                    ? Move(touched, down, CaseEventKinds.Returned, ChangeKinds.CaseReturned, nowMs)
                    : Fail(CaseErrors.StateAtBottom);
            case CaseActionKind.Assign when active:
                // Only the joint meeting assigns, so only at town level. The chair's deadline becomes a deadline mark
                // beside the town's own level limit (see DeadlinePolicy); whichever falls first is due first.
                return current.Level == CaseLevels.Town
                    ? Ok(working with { AssignedUnitKind = "town_department", AssignedUnitName = action.UnitName, AssignedDueAt = action.DueAt }, CaseEventKinds.Assigned, ChangeKinds.CaseUpdated)
                    : Fail(CaseErrors.StateAssignTownOnly);
            case CaseActionKind.Resolve when active:
                return Ok(touched with { Status = CaseStatuses.Resolved, ResolvedAt = nowMs }, CaseEventKinds.Resolved, ChangeKinds.CaseResolved);
            case CaseActionKind.ConfirmSatisfied when current.Status == CaseStatuses.Resolved:
                return Ok(touched with { Status = CaseStatuses.Closed, ClosedAt = nowMs }, CaseEventKinds.ConfirmedSatisfied, ChangeKinds.CaseClosed);
            case CaseActionKind.ConfirmUnsatisfied when current.Status == CaseStatuses.Resolved:
                // The resident is not satisfied: work resumes at the same level with a fresh level clock.
                return Ok(working with { ResolvedAt = null, LevelEnteredAt = nowMs }, CaseEventKinds.ConfirmedUnsatisfied, ChangeKinds.CaseReopened);
            case CaseActionKind.Close when current.Status == CaseStatuses.Resolved:
                return Ok(touched with { Status = CaseStatuses.Closed, ClosedAt = nowMs }, CaseEventKinds.Closed, ChangeKinds.CaseClosed);
            case CaseActionKind.MotionResult:
                // A council's vote is a fact whatever the case's state: work goes on while it is active, and a
                // result arriving after the case was settled is recorded without reopening it.
                return Ok(active ? working : touched, CaseEventKinds.MotionResult, ChangeKinds.CaseUpdated);
            case CaseActionKind.Photo when active || current.Status == CaseStatuses.Resolved:
                return Ok(touched, CaseEventKinds.Photo, ChangeKinds.CaseUpdated);
            case CaseActionKind.AssignPerson when active:
                // Naming a person is not work on the case: status and marks stay; who may be named is checked by the command.
                return Ok(touched with { AssigneeId = action.PersonId }, CaseEventKinds.AssignedPerson, ChangeKinds.CaseUpdated);
            case CaseActionKind.MarkSpam when active:
                return Ok(touched with { Status = CaseStatuses.Spam, ClosedAt = nowMs }, CaseEventKinds.Spam, ChangeKinds.CaseCancelled);
            case CaseActionKind.Cancel when active:
                return Ok(touched with { Status = CaseStatuses.Cancelled, ClosedAt = nowMs }, CaseEventKinds.Cancelled, ChangeKinds.CaseCancelled);
            default:
                return Fail(current.Status switch
                {
                    CaseStatuses.Closed => CaseErrors.StateClosed,
                    CaseStatuses.Cancelled => CaseErrors.StateCancelled,
                    CaseStatuses.Spam => CaseErrors.StateSpam,
                    CaseStatuses.Resolved => CaseErrors.StateResolved,
                    _ => CaseErrors.StateNotResolved,
                });
        }
    }

    /// <summary>The actions a user can take in the case's present state (before role checks); records of other bodies are not among them.</summary>
    public static IEnumerable<CaseActionKind> Allowed(CaseRow current) =>
        Enum.GetValues<CaseActionKind>().Where(k => k != CaseActionKind.MotionResult).Where(k => Apply(current, new CaseAction { Kind = k, UnitName = "x", DueOn = DateOnly.MaxValue }, current.UpdatedAt).Transition is not null);

    private static (CaseTransition?, DataError?) Ok(CaseRow after, string eventKind, string changeKind) =>
        (new CaseTransition(after, eventKind, changeKind), null);

    private static (CaseTransition?, DataError?) Move(CaseRow current, string toLevel, string eventKind, string changeKind, long nowMs) =>
        (new CaseTransition(
            current with { Level = toLevel, LevelEnteredAt = nowMs, Status = CaseStatuses.Open, AssignedUnitKind = DefaultUnitKind(toLevel), AssignedUnitName = null, AssignedDueAt = null, AssigneeId = null, AssigneeName = null },
            eventKind, changeKind, current.Level, toLevel), null);

    private static (CaseTransition?, DataError?) Fail(string code) => (null, new DataError(code));

    private static string DefaultUnitKind(string level) => level switch
    {
        CaseLevels.Town => "town_department",
        CaseLevels.Community => "community_office",
        _ => "property_company",
    };
}
