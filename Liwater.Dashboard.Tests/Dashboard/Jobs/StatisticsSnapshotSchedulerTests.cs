using Liwater.Dashboard.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

public sealed class StatisticsSnapshotSchedulerTests
{
    private static readonly JobsOptions Options = new() { SnapshotDebounceMilliseconds = 2000, SnapshotMaxDelayMilliseconds = 10000 };

    [Fact]
    public void RequestSoon_BurstOfChanges_SnapshotCarriesTheBurstsLastChangeId()
    {
        var clock = new FakeTimeProvider();
        var queued = new List<long>();
        using var scheduler = new StatisticsSnapshotScheduler(clock, Options, queued.Add);

        scheduler.RequestSoon(7);
        scheduler.RequestSoon(12);
        scheduler.RequestSoon(9);
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([12], queued);
    }

    [Fact]
    public void RequestSoon_BurstOfChanges_QueuesOneSnapshotAfterTheQuietTime()
    {
        var clock = new FakeTimeProvider();
        var queued = 0;
        using var scheduler = new StatisticsSnapshotScheduler(clock, Options, _ => queued++);

        for (var i = 0; i < 20; i++)
        {
            scheduler.RequestSoon(1);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(0, queued);
        clock.Advance(TimeSpan.FromMilliseconds(1900));
        Assert.Equal(1, queued);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, queued);
    }

    [Fact]
    public void RequestSoon_SteadyStream_QueuesAtTheMaximumDelay()
    {
        var clock = new FakeTimeProvider();
        var queued = 0;
        using var scheduler = new StatisticsSnapshotScheduler(clock, Options, _ => queued++);

        for (var i = 0; i < 25; i++)
        {
            scheduler.RequestSoon(1);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // 25 s of a change every second: the max delay (10 s) forces a snapshot about every 10 s.
        Assert.Equal(2, queued);
    }

    [Fact]
    public void RequestSoon_AfterASnapshot_StartsANewBurst()
    {
        var clock = new FakeTimeProvider();
        var queued = 0;
        using var scheduler = new StatisticsSnapshotScheduler(clock, Options, _ => queued++);
        scheduler.RequestSoon(1);
        clock.Advance(TimeSpan.FromSeconds(2));

        scheduler.RequestSoon(1);
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(2, queued);
        Assert.Equal(2, scheduler.Queued);
    }
}
