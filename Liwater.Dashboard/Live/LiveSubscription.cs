using Liwater.Data.Changes;

namespace Liwater.Dashboard.Live;

/// <summary>
/// One subscriber's window on the feed. Matching changes are collected and delivered together at most once per
/// coalescing window: the first change after a quiet spell goes out at once, a burst waits for the window to end.
/// Deliveries never overlap, and disposing stops them.
/// </summary>
internal sealed class LiveSubscription : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<ChangeEntry> pending = [];
    private readonly LiveFilter filter;
    private readonly Func<IReadOnlyList<ChangeEntry>, Task> deliver;
    private readonly TimeSpan window;
    private readonly TimeProvider clock;
    private readonly Action<LiveSubscription> onDispose;
    private readonly ILogger logger;
    private ITimer? timer;
    private long timerGeneration;
    private bool scheduled;
    private long lastDeliveryTicks = long.MinValue;
    private bool delivering;
    private bool disposed;

    public LiveSubscription(
        LiveFilter filter, Func<IReadOnlyList<ChangeEntry>, Task> deliver, TimeSpan window, TimeProvider clock,
        Action<LiveSubscription> onDispose, ILogger logger)
    {
        this.filter = filter;
        this.deliver = deliver;
        this.window = window;
        this.clock = clock;
        this.onDispose = onDispose;
        this.logger = logger;
    }

    public void Offer(IReadOnlyList<ChangeEntry> entries)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var before = pending.Count;
            pending.AddRange(entries.Where(filter.Matches));
            if (pending.Count > before && !delivering)
            {
                ScheduleLocked();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            pending.Clear();
            timer?.Dispose();
            timer = null;
        }

        onDispose(this);
    }

    private void ScheduleLocked()
    {
        if (scheduled)
        {
            return;
        }

        var sinceLast = lastDeliveryTicks == long.MinValue ? window : clock.GetElapsedTime(lastDeliveryTicks);
        var due = sinceLast >= window ? TimeSpan.Zero : window - sinceLast;
        scheduled = true;
        var generation = ++timerGeneration;
        var created = clock.CreateTimer(_ => _ = DeliverAsync(), null, due, Timeout.InfiniteTimeSpan);

        // A clock may fire a due-now timer inside CreateTimer (on this thread, under this lock): then that delivery
        // has already run and possibly scheduled the next one, and this timer must not be kept.
        if (scheduled && generation == timerGeneration)
        {
            timer = created;
        }
        else
        {
            created.Dispose();
        }
    }

    private async Task DeliverAsync()
    {
        ChangeEntry[] batch;
        lock (gate)
        {
            scheduled = false;
            timer?.Dispose();
            timer = null;
            if (disposed || pending.Count == 0)
            {
                return;
            }

            batch = [.. pending];
            pending.Clear();
            delivering = true;
            lastDeliveryTicks = clock.GetTimestamp();
        }

        try
        {
            await deliver(batch);
        }
        catch (Exception e)
        {
            // A subscriber's failure (a circuit gone) must not stop the feed or other subscribers.
            logger.LogWarning(e, "A live subscriber failed to take {Count} change(s)", batch.Length);
        }
        finally
        {
            lock (gate)
            {
                delivering = false;
                if (!disposed && pending.Count > 0)
                {
                    ScheduleLocked();
                }
            }
        }
    }
}
