using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;

namespace Liwater.Dashboard.Tests.Data.Cases;

public sealed class CaseStateMachineTests
{
    private const long T0 = 1_700_000_000_000;

    private static CaseRow Open(string level = CaseLevels.Compound, string status = CaseStatuses.Open) => new()
    {
        Id = 1, Code = "LS-2026-0001", Category = "other", Level = level, Status = status, OpenedAt = T0, LevelEnteredAt = T0, UpdatedAt = T0, Version = 3,
    };

    [Fact]
    public void Apply_ReplyOnOpenCase_MovesToInProgressAndStampsFirstReply()
    {
        var (t, error) = CaseStateMachine.Apply(Open(), new CaseAction { Kind = CaseActionKind.Reply, Body = "已收到" }, T0 + 1000);
        Assert.Null(error);
        Assert.Equal(CaseStatuses.InProgress, t!.After.Status);
        Assert.Equal(T0 + 1000, t.After.RepliedAt);
        Assert.Equal("reply", t.EventKind);

        var (second, _) = CaseStateMachine.Apply(t.After, new CaseAction { Kind = CaseActionKind.Reply, Body = "再次回复" }, T0 + 5000);
        Assert.Equal(T0 + 1000, second!.After.RepliedAt);
    }

    [Fact]
    public void Apply_EscalateTwice_ClimbsToTownAndRestartsLevelClock()
    {
        var (toCommunity, _) = CaseStateMachine.Apply(Open(status: CaseStatuses.InProgress), new CaseAction { Kind = CaseActionKind.Escalate, Body = "物业无法解决" }, T0 + 10);
        Assert.Equal(CaseLevels.Community, toCommunity!.After.Level);
        Assert.Equal(CaseStatuses.Open, toCommunity.After.Status);
        Assert.Equal(T0 + 10, toCommunity.After.LevelEnteredAt);
        Assert.Equal((CaseLevels.Compound, CaseLevels.Community), (toCommunity.FromLevel, toCommunity.ToLevel));

        var (toTown, _) = CaseStateMachine.Apply(toCommunity.After, new CaseAction { Kind = CaseActionKind.Escalate, Body = "需镇统筹" }, T0 + 20);
        Assert.Equal(CaseLevels.Town, toTown!.After.Level);

        var (beyond, error) = CaseStateMachine.Apply(toTown.After, new CaseAction { Kind = CaseActionKind.Escalate, Body = "x" }, T0 + 30);
        Assert.Null(beyond);
        Assert.Contains("镇级", Words.Zh(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReturnAtCompound_Fails()
    {
        var (t, error) = CaseStateMachine.Apply(Open(), new CaseAction { Kind = CaseActionKind.Return, Body = "x" }, T0);
        Assert.Null(t);
        Assert.NotNull(error);
    }

    [Fact]
    public void Apply_ResolveThenUnsatisfied_ReopensWithFreshLevelClock()
    {
        var (resolved, _) = CaseStateMachine.Apply(Open(), new CaseAction { Kind = CaseActionKind.Resolve, Body = "已修复" }, T0 + 100);
        Assert.Equal(CaseStatuses.Resolved, resolved!.After.Status);
        var (reopened, _) = CaseStateMachine.Apply(resolved.After, new CaseAction { Kind = CaseActionKind.ConfirmUnsatisfied }, T0 + 200);
        Assert.Equal(CaseStatuses.InProgress, reopened!.After.Status);
        Assert.Null(reopened.After.ResolvedAt);
        Assert.Equal(T0 + 200, reopened.After.LevelEnteredAt);
    }

    [Fact]
    public void Apply_ResolveThenSatisfied_Closes()
    {
        var (resolved, _) = CaseStateMachine.Apply(Open(), new CaseAction { Kind = CaseActionKind.Resolve, Body = "已修复" }, T0 + 100);
        var (closed, _) = CaseStateMachine.Apply(resolved!.After, new CaseAction { Kind = CaseActionKind.ConfirmSatisfied }, T0 + 200);
        Assert.Equal(CaseStatuses.Closed, closed!.After.Status);
        Assert.Equal(T0 + 200, closed.After.ClosedAt);
    }

    [Theory]
    [InlineData(CaseStatuses.Closed)]
    [InlineData(CaseStatuses.Cancelled)]
    public void Allowed_FinishedCase_Nothing(string status) =>
        Assert.Empty(CaseStateMachine.Allowed(Open(status: status)));

    [Fact]
    public void Allowed_ActiveCompoundCase_WorkEscalateResolveCancelButNotReturnOrConfirm()
    {
        var allowed = CaseStateMachine.Allowed(Open()).ToHashSet();
        Assert.Contains(CaseActionKind.Escalate, allowed);
        Assert.Contains(CaseActionKind.Cancel, allowed);
        Assert.Contains(CaseActionKind.Consultation, allowed);
        Assert.DoesNotContain(CaseActionKind.Return, allowed);
        Assert.DoesNotContain(CaseActionKind.ConfirmSatisfied, allowed);
        Assert.DoesNotContain(CaseActionKind.Close, allowed);
    }

    [Fact]
    public void Apply_Pairing_SetsPairedUnitAsAssignee()
    {
        var (t, _) = CaseStateMachine.Apply(Open(), new CaseAction { Kind = CaseActionKind.Pairing, UnitName = "镇退役军人服务站党支部" }, T0);
        Assert.Equal("镇退役军人服务站党支部", t!.After.PairedUnit);
        Assert.Equal("paired_branch", t.After.AssignedUnitKind);
    }

    [Fact]
    public void Apply_AssignAtTown_InProgressWithTownDepartmentAndAssignedEvent()
    {
        var (t, error) = CaseStateMachine.Apply(Open(CaseLevels.Town), new CaseAction { Kind = CaseActionKind.Assign, UnitName = "镇住建办", DueOn = new DateOnly(2026, 4, 1) }, T0 + 5);

        Assert.Null(error);
        Assert.Equal(CaseStatuses.InProgress, t!.After.Status);
        Assert.Equal(("town_department", "镇住建办"), (t.After.AssignedUnitKind, t.After.AssignedUnitName));
        Assert.Equal(CaseLevels.Town, t.After.Level);
        Assert.Equal("assigned", t.EventKind);
    }

    [Theory]
    [InlineData(CaseLevels.Compound)]
    [InlineData(CaseLevels.Community)]
    public void Apply_AssignBelowTown_RefusedWithReason(string level)
    {
        var (t, error) = CaseStateMachine.Apply(Open(level), new CaseAction { Kind = CaseActionKind.Assign, UnitName = "镇住建办" }, T0);

        Assert.Null(t);
        Assert.Equal("只有镇级案件可由联席会议交办。", Words.Zh(error));
    }

    [Fact]
    public void Apply_AssignResolvedCase_Refused() =>
        Assert.Null(CaseStateMachine.Apply(Open(CaseLevels.Town, CaseStatuses.Resolved), new CaseAction { Kind = CaseActionKind.Assign, UnitName = "x" }, T0).Transition);

    [Theory]
    [InlineData(Roles.Chair, CaseLevels.Town, true)]
    [InlineData(Roles.TownOffice, CaseLevels.Town, true)]
    [InlineData(Roles.TownOffice, CaseLevels.Community, false)]
    [InlineData(Roles.CommunityStaff, CaseLevels.Town, false)]
    [InlineData(Roles.CommunityStaff, CaseLevels.Compound, false)]
    [InlineData(Roles.Viewer, CaseLevels.Town, false)]
    public void CanAct_Assign_OnlyChairOrTownOfficeAtTownLevel(string role, string level, bool expected) =>
        Assert.Equal(expected, CaseAccess.CanAct(new ActingUser { Role = role, CommunityId = role == Roles.CommunityStaff ? 0 : null }, Open(level), CaseActionKind.Assign));

    [Fact]
    public void ValidateAction_AssignWithoutUnitOrWithPastDueDate_MessagesPerField()
    {
        var today = new DateOnly(2026, 3, 16);
        var missing = CaseValidation.ValidateAction(new CaseAction { Kind = CaseActionKind.Assign }, today);
        var past = CaseValidation.ValidateAction(new CaseAction { Kind = CaseActionKind.Assign, UnitName = "镇城管办", DueOn = today.AddDays(-1) }, today);

        Assert.Equal("请填写承办部门或单位。", Words.Zh(missing[nameof(CaseAction.UnitName)]));
        Assert.Equal("请填写办结期限。", Words.Zh(missing[nameof(CaseAction.DueOn)]));
        Assert.Equal("办结期限不能早于今天。", Words.Zh(Assert.Single(past).Value));
    }
}
