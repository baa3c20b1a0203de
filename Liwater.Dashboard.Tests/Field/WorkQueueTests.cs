using Liwater.Dashboard.Field;
using Liwater.Data.Cases;

namespace Liwater.Dashboard.Tests.Field;

/// <summary>「我的待办」's merge and order: mine and my area once each, by the next mark DeadlinePolicy names.</summary>
public sealed class WorkQueueTests
{
    private const long T0 = 1_780_000_000_000;
    private const long Minute = 60_000;
    private const long Day = 86_400_000;
    private static readonly DeadlinePolicy Policy = new(new DeadlineOptions());

    private static CaseRow Row(long id, string category = "other", long openedAt = T0, long? assignee = null, string status = CaseStatuses.Open, long? repliedAt = null) =>
        Policy.WithDueAt(new CaseRow { Id = id, Category = category, Status = status, Level = CaseLevels.Compound, OpenedAt = openedAt, LevelEnteredAt = openedAt, AssigneeId = assignee, RepliedAt = repliedAt });

    [Fact]
    public void Build_All_MergesMineAndAreaOnceOrderedByNextMark()
    {
        // Hand-worked marks: 1 = compound limit T0 + 3 d; 2 = 5-minute reply mark T0 + 1 d + 5 min;
        // 3 = replied, so its 10-minute action mark at T0 - 1 h + 10 min; 4 resolved (no mark, not active).
        var compoundLimit = Row(1, assignee: 7);
        var replyMark = Row(2, CaseOptions.PropertyService, openedAt: T0 + Day);
        var actionMark = Row(3, CaseOptions.PropertyService, openedAt: T0 - (60 * Minute), assignee: 7, repliedAt: T0 - (59 * Minute));
        var resolved = Row(4, status: CaseStatuses.Resolved, assignee: 7);

        var all = WorkQueue.Build([compoundLimit, actionMark, resolved], [replyMark, compoundLimit, actionMark], WorkScope.All, Policy, meId: 7);

        Assert.Equal([3L, 2L, 1L], all.Select(w => w.Case.Id).ToArray());
        Assert.Equal([true, false, true], all.Select(w => w.Mine).ToArray());
        Assert.Equal(T0 + (3 * Day), Policy.Next(compoundLimit)!.DueAt);
        Assert.Equal((DeadlinePolicy.Action, T0 - (50 * Minute)), (Policy.Next(actionMark)!.Mark, Policy.Next(actionMark)!.DueAt));
    }

    [Fact]
    public void Build_MineAndArea_EachOnlyItsOwnRows()
    {
        var mine = Row(1, assignee: 7);
        var other = Row(2, assignee: 8);

        var onlyMine = WorkQueue.Build([mine], [mine, other], WorkScope.Mine, Policy, meId: 7);
        var onlyArea = WorkQueue.Build([mine], [other], WorkScope.Area, Policy, meId: 7);

        Assert.Equal(1L, Assert.Single(onlyMine).Case.Id);
        var area = Assert.Single(onlyArea);
        Assert.Equal((2L, false), (area.Case.Id, area.Mine));
    }

    [Fact]
    public void Build_NoAccountId_NothingIsMine()
    {
        var unassigned = Row(1);

        Assert.False(Assert.Single(WorkQueue.Build([], [unassigned], WorkScope.All, Policy, meId: 0)).Mine);
    }
}
