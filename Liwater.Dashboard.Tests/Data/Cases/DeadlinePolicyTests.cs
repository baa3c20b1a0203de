using Liwater.Data.Cases;

namespace Liwater.Dashboard.Tests.Data.Cases;

public sealed class DeadlinePolicyTests
{
    private const long T0 = 1_700_000_000_000;
    private const long Minute = 60_000;
    private const long Day = 86_400_000;

    private static CaseRow Case(string category, string level = CaseLevels.Compound) => new()
    {
        Category = category, Level = level, Status = CaseStatuses.Open, OpenedAt = T0, LevelEnteredAt = T0, UpdatedAt = T0,
    };

    [Fact]
    public void Next_PropertyService_WalksReplyActionResultThenLevelLimit()
    {
        var policy = new DeadlinePolicy(new DeadlineOptions());
        var c = Case(CaseOptions.PropertyService);
        Assert.Equal(new DeadlineMark("reply", CaseLevels.Compound, T0 + 5 * Minute, false), policy.Next(c));
        c = c with { RepliedAt = T0 + Minute };
        Assert.Equal(T0 + 10 * Minute, policy.Next(c)!.DueAt);
        c = c with { ActionAt = T0 + 2 * Minute };
        Assert.Equal(("result", T0 + 15 * Minute), (policy.Next(c)!.Mark, policy.Next(c)!.DueAt));
        c = c with { ResultAt = T0 + 3 * Minute };
        Assert.Equal(("level", T0 + 3 * Day), (policy.Next(c)!.Mark, policy.Next(c)!.DueAt));
    }

    [Theory]
    [InlineData(CaseLevels.Compound, 2)]
    [InlineData(CaseLevels.Community, 5)]
    [InlineData(CaseLevels.Town, 11)]
    public void Next_OtherCategory_UsesConfiguredLevelLimitFromLevelEntry(string level, int days)
    {
        var policy = new DeadlinePolicy(new DeadlineOptions { CompoundDays = 2, CommunityDays = 5, TownDays = 11 });
        var c = Case("environment_sanitation", level) with { LevelEnteredAt = T0 + Day };
        Assert.Equal(T0 + Day + days * Day, policy.Next(c)!.DueAt);
    }

    [Theory]
    [InlineData(CaseStatuses.Resolved)]
    [InlineData(CaseStatuses.Closed)]
    [InlineData(CaseStatuses.Cancelled)]
    public void WithDueAt_FinishedCase_Null(string status) =>
        Assert.Null(new DeadlinePolicy(new DeadlineOptions()).WithDueAt(Case(CaseOptions.PropertyService) with { Status = status, DueAt = 5 }).DueAt);

    [Fact]
    public void Breached_PropertyServiceAfterElevenMinutesWithoutAnything_ReplyAndActionOnly()
    {
        var marks = new DeadlinePolicy(new DeadlineOptions()).Breached(Case(CaseOptions.PropertyService), T0 + 11 * Minute).Select(m => m.Mark);
        Assert.Equal(["reply", "action"], marks);
    }

    [Fact]
    public void Next_AssignedByTheMeeting_ChairsDeadlineSupersedesTheLevelLimit()
    {
        var policy = new DeadlinePolicy(new DeadlineOptions());
        var town = Case("other", CaseLevels.Town) with { AssignedDueAt = T0 + 7 * Day };
        Assert.Equal(new DeadlineMark("assigned", CaseLevels.Town, T0 + 7 * Day, false), policy.Next(town));
        Assert.Equal(["assigned"], policy.Breached(town, T0 + 8 * Day).Select(m => m.Mark));

        // A deadline later than the town's 15 days still governs alone: the chair decided it.
        var late = town with { AssignedDueAt = T0 + 30 * Day };
        Assert.Equal(("assigned", T0 + 30 * Day), (policy.Next(late)!.Mark, policy.Next(late)!.DueAt));
        Assert.Empty(policy.Breached(late, T0 + 16 * Day));
        Assert.Equal(["assigned"], policy.Breached(late, T0 + 31 * Day).Select(m => m.Mark));
    }

    [Theory]
    [InlineData(CaseLevels.Community, 7)]
    [InlineData(CaseLevels.Town, 15)]
    public void Marks_PropertyServiceAboveCompound_OnlyTheLevelLimitNoMinuteMarks(string level, int days)
    {
        var policy = new DeadlinePolicy(new DeadlineOptions());
        var c = Case(CaseOptions.PropertyService, level);

        Assert.Equal([new DeadlineMark("level", level, T0 + days * Day, false)], policy.Marks(c));
        Assert.False(policy.IsOverdue(c, T0 + 20 * Minute));
    }

    [Fact]
    public void IsOverdue_TownCaseWithChairsDeadlineAfterTheFifteenMinuteMarkPassed_NotOverdue()
    {
        // The case of issue 10: a property-service case opened, escalated to town and assigned with 办结期限 in 10 days.
        var policy = new DeadlinePolicy(new DeadlineOptions());
        var c = Case(CaseOptions.PropertyService, CaseLevels.Town) with { LevelEnteredAt = T0 + Minute, AssignedDueAt = T0 + 10 * Day };

        Assert.False(policy.IsOverdue(c, T0 + 16 * Minute));
        Assert.Equal("assigned", policy.Next(c)!.Mark);
        Assert.Empty(policy.Breached(c, T0 + 16 * Minute));
    }

    [Fact]
    public void IsOverdue_AtTheDueInstant_Overdue()
    {
        var policy = new DeadlinePolicy(new DeadlineOptions());
        var c = Case(CaseOptions.PropertyService);

        Assert.False(policy.IsOverdue(c, T0 + 5 * Minute - 1));
        Assert.True(policy.IsOverdue(c, T0 + 5 * Minute));
        Assert.Equal(["reply"], policy.Breached(c, T0 + 5 * Minute).Select(m => m.Mark));
    }

    [Fact]
    public void Marks_PropertyServiceReturnedToCompound_MinuteMarksApplyAgain()
    {
        var policy = new DeadlinePolicy(new DeadlineOptions());
        var returned = Case(CaseOptions.PropertyService) with { LevelEnteredAt = T0 + Day, RepliedAt = T0 + Minute, ActionAt = T0 + Minute, ResultAt = T0 + Minute };

        Assert.Equal(["reply", "action", "result", "level"], policy.Marks(returned).Select(m => m.Mark));
        Assert.Equal(("level", T0 + 4 * Day), (policy.Next(returned)!.Mark, policy.Next(returned)!.DueAt));
    }
}
