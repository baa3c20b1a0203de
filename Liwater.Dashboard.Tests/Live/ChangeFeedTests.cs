using Liwater.Dashboard.Live;

namespace Liwater.Dashboard.Tests.Live;

public sealed class ChangeFeedTests
{
    [Theory]
    [InlineData(100L, 100L, 10, true)]
    [InlineData(90L, 100L, 10, true)]
    [InlineData(89L, 100L, 10, false)]
    [InlineData(101L, 100L, 10, false)]
    [InlineData(0L, 5L, 10, true)]
    [InlineData(-1L, 5L, 10, false)]
    [InlineData(-9223372036854775000L, 100L, 1000, false)]
    [InlineData(long.MinValue, long.MaxValue, int.MaxValue, false)]
    [InlineData(long.MaxValue, 100L, 1000, false)]
    public void IsReplayable_Bounds_CheckedWithoutOverflow(long lastSeenId, long lastId, int maxReplay, bool expected) =>
        Assert.Equal(expected, ChangeFeed.IsReplayable(lastSeenId, lastId, maxReplay));
}
