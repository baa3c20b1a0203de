using Liwater.Data.Councils;

namespace Liwater.Dashboard.Tests.Data.Councils;

public sealed class VoteRulesTests
{
    private static readonly CouncilOptions Defaults = new();

    [Theory]
    [InlineData(10, 5, false)]
    [InlineData(10, 6, true)]
    [InlineData(9, 4, false)]
    [InlineData(9, 5, true)]
    [InlineData(0, 0, false)]
    public void HasQuorum_MoreThanHalfOfActive_IsRequired(int active, int cast, bool expected) =>
        Assert.Equal(expected, VoteRules.HasQuorum(new VoteTally(cast, 0, 0), active, Defaults));

    [Fact]
    public void Decide_ForMoreThanHalfOfCast_Passes() =>
        Assert.Equal(MotionResult.Passed, VoteRules.Decide(new VoteTally(4, 2, 1), 10, Defaults));

    [Fact]
    public void Decide_ExactlyHalfFor_IsRejected() =>
        Assert.Equal(MotionResult.Rejected, VoteRules.Decide(new VoteTally(3, 2, 1), 10, Defaults));

    [Fact]
    public void Decide_AbstentionsCountAsCast_CanPreventMajority() =>
        Assert.Equal(MotionResult.Rejected, VoteRules.Decide(new VoteTally(3, 0, 4), 10, Defaults));

    [Fact]
    public void Decide_TooFewVotes_IsNoQuorumEvenIfAllFor() =>
        Assert.Equal(MotionResult.NoQuorum, VoteRules.Decide(new VoteTally(5, 0, 0), 10, Defaults));

    [Fact]
    public void Decide_TwoThirdsMajorityConfigured_NeedsMoreThanTwoThirds()
    {
        var options = new CouncilOptions { MajorityFraction = 2.0 / 3 };
        Assert.Equal(MotionResult.Rejected, VoteRules.Decide(new VoteTally(6, 3, 0), 10, options));
        Assert.Equal(MotionResult.Passed, VoteRules.Decide(new VoteTally(7, 2, 0), 10, options));
    }

    [Fact]
    public void HasQuorum_DecimalFraction_IsExactNotFloatingPoint()
    {
        var options = new CouncilOptions { QuorumFraction = 0.57 };
        Assert.False(VoteRules.HasQuorum(new VoteTally(57, 0, 0), 100, options));
        Assert.True(VoteRules.HasQuorum(new VoteTally(58, 0, 0), 100, options));
        Assert.Equal(58, VoteRules.QuorumNeeded(100, options));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Validate_FractionOutOfRange_NamesTheKey(double fraction) =>
        Assert.Contains(new CouncilOptions { QuorumFraction = fraction }.Validate(), e => e.Contains("Liwater:Councils:QuorumFraction", StringComparison.Ordinal));
}
