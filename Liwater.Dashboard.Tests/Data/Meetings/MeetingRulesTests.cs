using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Meetings;

namespace Liwater.Dashboard.Tests.Data.Meetings;

public sealed class MeetingRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 16);

    private static readonly MeetingRow InSession = new() { Id = 1, Status = MeetingStatuses.InSession };

    private static CaseRow Case(long id, string level = CaseLevels.Town, string status = CaseStatuses.Open) =>
        new() { Id = id, Code = $"LS-2026-{id:0000}", Title = "案件" + id, Level = level, Status = status };

    [Theory]
    [InlineData(Roles.Chair, true)]
    [InlineData(Roles.TownOffice, true)]
    [InlineData(Roles.CommunityStaff, false)]
    [InlineData(Roles.Assessor, false)]
    [InlineData(Roles.Viewer, false)]
    public void CanChair_ByRole_OnlyChairAndTownOffice(string role, bool expected) =>
        Assert.Equal(expected, MeetingRules.CanChair(new ActingUser { Role = role }));

    [Fact]
    public void ValidateOpen_FutureDateAndBlankNames_MessagePerField()
    {
        var errors = MeetingRules.ValidateOpen(new NewMeeting { HeldOn = Today.AddDays(1), Chair = " ", Attendees = null }, Today);

        Assert.Equal("会议日期不能晚于今天（开会即开始议事）。", Words.Zh(errors[nameof(NewMeeting.HeldOn)]));
        Assert.Equal("请填写主持人。", Words.Zh(errors[nameof(NewMeeting.Chair)]));
        Assert.Equal("请填写参会人员。", Words.Zh(errors[nameof(NewMeeting.Attendees)]));
    }

    [Fact]
    public void ValidateOpen_Complete_NoErrors() =>
        Assert.Empty(MeetingRules.ValidateOpen(new NewMeeting { HeldOn = Today, Chair = "镇长", Attendees = "城治办、住建办" }, Today));

    [Fact]
    public void ValidateDecision_AssignWithoutAssigneeOrWithPastDeadline_Refused()
    {
        var missing = MeetingRules.ValidateDecision(new MeetingDecision { CaseId = 1, Kind = DecisionKind.Assign }, forCase: true, Today);
        var past = MeetingRules.ValidateDecision(new MeetingDecision { CaseId = 1, Kind = DecisionKind.Assign, Assignee = "住建办", DueOn = Today.AddDays(-1) }, forCase: true, Today);

        Assert.Equal("请填写承办部门或单位。", Words.Zh(missing[nameof(MeetingDecision.Assignee)]));
        Assert.Equal("请填写办结期限。", Words.Zh(missing[nameof(MeetingDecision.DueOn)]));
        Assert.Equal("办结期限不能早于今天。", Words.Zh(Assert.Single(past).Value));
    }

    [Theory]
    [InlineData(DecisionKind.Return, "请填写退回社区的办理要求。")]
    [InlineData(DecisionKind.Resolve, "请填写办结说明。")]
    public void ValidateDecision_CaseDecisionWithoutText_AsksForIt(DecisionKind kind, string message) =>
        Assert.Equal(message, Words.Zh(MeetingRules.ValidateDecision(new MeetingDecision { CaseId = 1, Kind = kind }, forCase: true, Today)[nameof(MeetingDecision.Text)]));

    [Fact]
    public void ValidateDecision_ReturnOnChairsOwnItem_Refused() =>
        Assert.Equal("会议自行添加的议题没有案件，只能交办或记录决定。",
            Words.Zh(MeetingRules.ValidateDecision(new MeetingDecision { ItemId = 3, Kind = DecisionKind.Return, Text = "x" }, forCase: false, Today)[nameof(MeetingDecision.Kind)]));

    [Fact]
    public void ToCaseAction_Assign_CarriesUnitDeadlineAndInstructions()
    {
        var action = MeetingRules.ToCaseAction(new MeetingDecision { Kind = DecisionKind.Assign, Assignee = " 镇住建办 ", DueOn = Today, Text = "两周内完成" });

        Assert.Equal((CaseActionKind.Assign, "镇住建办", Today, "两周内完成"), (action.Kind, action.UnitName, action.DueOn, action.Body));
    }

    [Fact]
    public void BuildAgenda_InSession_TownActiveCasesPlusStoredItemsCasesFirst()
    {
        var stored = new[]
        {
            new MeetingItemRow { Id = 10, CaseId = 5, Title = "已决定", DecisionKind = "return", DecidedAt = 1 },
            new MeetingItemRow { Id = 11, Title = "城治办补充议题", SortOrder = 1 },
        };
        // Case 5 was returned to its community by the decision: it stays on the agenda through its stored item.
        var cases = new[] { Case(7), Case(5, CaseLevels.Community), Case(3), Case(9, status: CaseStatuses.Resolved) };

        var agenda = MeetingRules.BuildAgenda(InSession, stored, cases);

        Assert.Equal(["c3", "c5", "c7", "i11"], agenda.Select(a => a.Key));
        Assert.True(agenda[1].IsDecided);
        Assert.Equal("城治办补充议题", agenda[3].Title);
    }

    [Fact]
    public void BuildAgenda_CaseLeftTownUndecided_DropsOut() =>
        Assert.Empty(MeetingRules.BuildAgenda(InSession, [], [Case(4, CaseLevels.Community)]));

    [Fact]
    public void BuildAgenda_Closed_OnlyStoredItems()
    {
        var closed = InSession with { Status = MeetingStatuses.Closed };

        var agenda = MeetingRules.BuildAgenda(closed, [new MeetingItemRow { Id = 1, CaseId = 2, Title = "未决定" }], [Case(2), Case(8)]);

        Assert.Equal("c2", Assert.Single(agenda).Key);
        Assert.False(agenda[0].IsDecided);
    }
}
