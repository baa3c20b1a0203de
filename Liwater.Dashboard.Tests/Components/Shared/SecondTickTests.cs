using System.Globalization;
using Liwater.Dashboard.Components.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Components.Shared;

/// <summary>One timer ticks every countdown of the process (decision 0178), each listener in its own culture.</summary>
public sealed class SecondTickTests
{
    [Fact]
    public void Subscribe_ManyListeners_OneTimerCallsEachEverySecondUntilDisposed()
    {
        var clock = new CountingClock();
        var tick = SecondTick.Of(clock);
        var calls = new int[25];
        var subscriptions = Enumerable.Range(0, calls.Length).Select(i => tick.Subscribe(() => calls[i]++)).ToList();

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, clock.Timers);
        Assert.All(calls, c => Assert.Equal(3, c));

        subscriptions[0].Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, calls[0]);
        Assert.Equal(4, calls[1]);

        subscriptions.ForEach(s => s.Dispose());
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, tick.Listeners);
        Assert.Equal(4, calls[1]);
    }

    [Fact]
    public void Subscribe_ListenersOfTwoLanguages_EachRunsInTheCultureItSubscribedWith()
    {
        var clock = new CountingClock();
        var tick = SecondTick.Of(clock);
        var seen = new List<string>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            using var english = tick.Subscribe(() => seen.Add($"en listener: {CultureInfo.CurrentUICulture.Name}"));
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            using var chinese = tick.Subscribe(() => seen.Add($"zh listener: {CultureInfo.CurrentUICulture.Name}"));
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

            clock.Advance(TimeSpan.FromSeconds(1));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        Assert.Equal(["en listener: en", "zh listener: zh-CN"], seen.Order());
    }

    private sealed class CountingClock : FakeTimeProvider
    {
        public int Timers { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Timers++;
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
