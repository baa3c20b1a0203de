using Bunit;
using Liwater.Data.Councils;
using Liwater.Dashboard.Components.Pages.Councils;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Components.Pages.Councils;

public sealed class VoteTallyViewTests : BunitTestBase
{
    [Fact]
    public void Render_OpenMotionBelowQuorum_ShowsCountsAndVotesNeeded()
    {
        var cut = Render<VoteTallyView>(p => p
            .Add(x => x.Tally, new VoteTally(3, 1, 1))
            .Add(x => x.ActiveRepresentatives, 11)
            .Add(x => x.Options, new CouncilOptions()));

        Assert.Contains("赞成 3", cut.Find("[data-vote=for]").TextContent, StringComparison.Ordinal);
        Assert.Contains("已投票 5 / 在任代表 11", cut.Find("[data-testid=turnout]").TextContent, StringComparison.Ordinal);
        Assert.Contains("未达法定人数", cut.Find("[data-testid=quorum]").TextContent, StringComparison.Ordinal);
        Assert.Contains("至少 6 人", cut.Find("[data-testid=quorum]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=result]"));
    }

    [Fact]
    public void Render_ClosedMotion_ShowsStoredResult()
    {
        var cut = Render<VoteTallyView>(p => p
            .Add(x => x.Tally, new VoteTally(2, 5, 0))
            .Add(x => x.ActiveRepresentatives, 9)
            .Add(x => x.Options, new CouncilOptions())
            .Add(x => x.Result, MotionResult.Rejected));

        Assert.Equal("未通过", cut.Find("[data-testid=result]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=quorum]"));
    }
}
