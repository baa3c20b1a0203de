using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Notifications;

namespace Liwater.Dashboard.Tests.Data.Notifications;

/// <summary>The recipient rule and the classification over hand-built rows.</summary>
public sealed class NotificationRulesTests
{
    private static readonly Recipient Town = new() { Id = 1, Role = Roles.TownOffice };
    private static readonly Recipient Chair = new() { Id = 2, Role = Roles.Chair };
    private static readonly Recipient StaffA = new() { Id = 3, Role = Roles.CommunityStaff, CommunityId = 10 };
    private static readonly Recipient StaffB = new() { Id = 4, Role = Roles.CommunityStaff, CommunityId = 20 };
    private static readonly Recipient StewardA = new() { Id = 5, Role = Roles.PropertySteward, CompoundList = "100,101" };
    private static readonly Recipient StewardOther = new() { Id = 6, Role = Roles.PropertySteward, CompoundList = "200" };
    private static readonly Recipient Viewer = new() { Id = 7, Role = Roles.Viewer };
    private static readonly Recipient Inactive = new() { Id = 8, Role = Roles.CommunityStaff, CommunityId = 10, IsActive = false };
    private static readonly Recipient[] Everyone = [Town, Chair, StaffA, StaffB, StewardA, StewardOther, Viewer, Inactive];

    private static CaseEventFacts Case(string level, long? actor = null, long? assignee = null, params long[] workers) => new()
    {
        CaseId = 1, CommunityId = 10, CompoundId = 101, Level = level, SourceChannel = "hotline", ActorId = actor, AssigneeId = assignee,
        Workers = workers.ToHashSet(),
    };

    [Fact]
    public void Recipients_CompoundLevel_StewardsOfTheCompoundAndStaffOfTheCommunity()
    {
        Assert.Equal([3, 5], NotificationRules.Recipients(NotificationKinds.DueSoon, Case(CaseLevels.Compound), Everyone));
    }

    [Fact]
    public void Recipients_CommunityLevel_StaffOfTheCommunityOnly()
    {
        Assert.Equal([3], NotificationRules.Recipients(NotificationKinds.Escalated, Case(CaseLevels.Community), Everyone));
    }

    [Fact]
    public void Recipients_TownLevel_TownOfficeAndChairs()
    {
        Assert.Equal([1, 2], NotificationRules.Recipients(NotificationKinds.Breached, Case(CaseLevels.Town), Everyone));
    }

    [Fact]
    public void Recipients_TheActor_IsNotToldOfTheirOwnAct()
    {
        Assert.Equal([5], NotificationRules.Recipients(NotificationKinds.CaseOpened, Case(CaseLevels.Compound, actor: 3), Everyone));
    }

    [Fact]
    public void Recipients_Decision_AlsoEveryoneWhoWorkedTheCase()
    {
        // A town decision returned the case to the community: the community's staff and the steward who replied at compound level.
        Assert.Equal([3, 5], NotificationRules.Recipients(NotificationKinds.Decision, Case(CaseLevels.Community, actor: 2, workers: [2, 5]), Everyone));
        // Workers are told of decisions only.
        Assert.Equal([3], NotificationRules.Recipients(NotificationKinds.Escalated, Case(CaseLevels.Community, workers: [5]), Everyone));
    }

    [Fact]
    public void Recipients_Assigned_TheAssigneeOnly()
    {
        Assert.Equal([5], NotificationRules.Recipients(NotificationKinds.Assigned, Case(CaseLevels.Compound, actor: 3, assignee: 5), Everyone));
    }

    [Fact]
    public void Recipients_AssigneeWhoCannotReadTheCase_IsNotTold()
    {
        // A steward of another compound cannot read the case, whatever a row says.
        Assert.Empty(NotificationRules.Recipients(NotificationKinds.Assigned, Case(CaseLevels.Compound, assignee: 6), Everyone));
    }

    [Fact]
    public void Recipients_InactiveAndReadOnlyAccounts_AreNeverTold()
    {
        var all = NotificationKinds.All.SelectMany(k => CaseLevels.All.SelectMany(l => NotificationRules.Recipients(k, Case(l, workers: [7, 8]), Everyone))).ToHashSet();
        Assert.DoesNotContain(7L, all);
        Assert.DoesNotContain(8L, all);
    }

    [Theory]
    [InlineData(ChangeKinds.CaseOpened, CaseEventKinds.Opened, false, NotificationKinds.CaseOpened)]
    [InlineData(ChangeKinds.CaseEscalated, CaseEventKinds.Escalated, false, NotificationKinds.Escalated)]
    [InlineData(ChangeKinds.CaseReturned, CaseEventKinds.Returned, true, NotificationKinds.Decision)]
    [InlineData(ChangeKinds.CaseResolved, CaseEventKinds.Resolved, true, NotificationKinds.Decision)]
    [InlineData(ChangeKinds.CaseUpdated, CaseEventKinds.Assigned, true, NotificationKinds.Decision)]
    [InlineData(ChangeKinds.CaseUpdated, CaseEventKinds.MotionResult, false, NotificationKinds.Decision)]
    [InlineData(ChangeKinds.CaseUpdated, NotificationRules.AssignedPersonEvent, false, NotificationKinds.Assigned)]
    [InlineData(ChangeKinds.CaseDeadlineBreached, null, false, NotificationKinds.Breached)]
    [InlineData(ChangeKinds.CaseDeadlineDueSoon, null, false, NotificationKinds.DueSoon)]
    [InlineData(ChangeKinds.CaseUpdated, CaseEventKinds.Reply, false, null)]
    [InlineData(ChangeKinds.CaseResolved, CaseEventKinds.Resolved, false, null)]
    public void Classify_ChangeAndEvent_GiveTheKind(string change, string? evt, bool meeting, string? expected)
    {
        Assert.Equal(expected, NotificationRules.Classify(change, evt, meeting));
    }
}
