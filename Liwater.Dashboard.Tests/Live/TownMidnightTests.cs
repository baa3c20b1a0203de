using Liwater.Dashboard.Live;
using Liwater.Data.Database;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Live;

public sealed class TownMidnightTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Timer_LocalMidnightInShanghai_FiresAtSixteenUtcNotAtUtcMidnight()
    {
        // 2026-12-01 15:00 UTC is 23:00 in Shanghai: the town's day ends in one hour, the server's in nine.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var fired = new List<DateOnly>();
        var town = new TownClock(clock, Shanghai);
        using var midnight = new TownMidnight(town, () => fired.Add(town.Today));

        clock.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(59));
        var beforeMidnight = fired.Count;
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, beforeMidnight);
        Assert.Equal([new DateOnly(2026, 12, 2)], fired);
    }

    [Fact]
    public void Timer_ThreeDays_FiresOnceAtEachLocalMidnight()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
        var fired = new List<DateOnly>();
        var town = new TownClock(clock, Shanghai);
        using var midnight = new TownMidnight(town, () => fired.Add(town.Today));

        for (var i = 0; i < 72; i++)
        {
            clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 4)], fired);
    }

    [Fact]
    public void Dispose_BeforeMidnight_NeverFires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var fired = 0;
        var midnight = new TownMidnight(new TownClock(clock, Shanghai), () => fired++);

        midnight.Dispose();
        clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(0, fired);
    }
}
