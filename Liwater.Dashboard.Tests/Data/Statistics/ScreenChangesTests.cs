using Liwater.Data.Changes;
using Liwater.Data.Statistics;

namespace Liwater.Dashboard.Tests.Data.Statistics;

public sealed class ScreenChangesTests
{
    [Theory]
    [InlineData(ChangeKinds.UserChanged)]
    [InlineData(ChangeKinds.CouncilChanged)]
    [InlineData(ChangeKinds.MotionClosed)]
    public void ForScreen_KindTheWallDoesNotShow_IsNotSent(string kind) =>
        Assert.Null(ScreenChanges.ForScreen(new ChangeEntry { Id = 1, Kind = kind, Summary = "张三" }));

    [Theory]
    [InlineData(ChangeKinds.CaseUpdated)]
    [InlineData(ChangeKinds.CaseDeadlineBreached)]
    [InlineData(ChangeKinds.MeetingChanged)]
    [InlineData(ChangeKinds.ScoreRecorded)]
    [InlineData(ChangeKinds.StatisticsUpdated)]
    public void ForScreen_KindWithoutTickerLine_IsSentWithoutSummary(string kind)
    {
        var sent = ScreenChanges.ForScreen(new ChangeEntry { Id = 7, Kind = kind, EntityId = 3, CommunityId = 2, Summary = "联席会议开始（主持人：张三）" });

        Assert.NotNull(sent);
        Assert.Equal((7L, kind, 3L, 2L, (string?)null), (sent.Id, sent.Kind, sent.EntityId!.Value, sent.CommunityId!.Value, sent.Summary));
    }

    [Fact]
    public void ForScreen_TickerKinds_KeepTheSummaryTheTickerPrints()
    {
        foreach (var kind in LiveCounterQueries.TickerKinds)
        {
            Assert.Equal("T-1 楼道灯不亮", ScreenChanges.ForScreen(new ChangeEntry { Id = 1, Kind = kind, Summary = "T-1 楼道灯不亮" })?.Summary);
        }
    }

    [Fact]
    public void Kinds_EveryTickerKind_IsAllowed() =>
        Assert.All(LiveCounterQueries.TickerKinds, kind => Assert.Contains(kind, ScreenChanges.Kinds));
}
