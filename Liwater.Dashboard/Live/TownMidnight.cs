using Liwater.Data.Database;

namespace Liwater.Dashboard.Live;

/// <summary>
/// Calls back once at every local midnight of the town (<see cref="TownClock"/>, <c>Liwater:TimeZone</c>), so that
/// figures counted per day ("今日", trend days) roll over when the town's day ends, not when the server's does or at
/// the next refresh. A timer that fires early is re-armed for the rest of the day instead of rolling over twice.
/// </summary>
public sealed class TownMidnight : IDisposable
{
    private readonly TownClock clock;
    private readonly Action onMidnight;
    private readonly Lock gate = new();
    private DateOnly day;
    private ITimer? timer;
    private bool disposed;

    public TownMidnight(TownClock clock, Action onMidnight)
    {
        this.clock = clock;
        this.onMidnight = onMidnight;
        lock (gate)
        {
            day = clock.Today;
            ArmLocked();
        }
    }

    /// <summary>Gets the time left until the next local midnight.</summary>
    public TimeSpan UntilNext => TimeSpan.FromMilliseconds(Math.Max(1, clock.StartOfDayMs(clock.Today.AddDays(1)) - clock.NowMs));

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            timer?.Dispose();
            timer = null;
        }
    }

    private void ArmLocked()
    {
        timer?.Dispose();
        timer = clock.Clock.CreateTimer(_ => Fire(), null, UntilNext, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        bool rolled;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var today = clock.Today;
            rolled = today != day;
            day = today;
            ArmLocked();
        }

        if (rolled)
        {
            onMidnight();
        }
    }
}
