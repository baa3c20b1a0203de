using Hangfire;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Queues one statistics snapshot after a burst of changes: the live change feed calls <see cref="RequestSoon"/> on
/// every commit it sees; the snapshot is queued once the changes pause for the debounce time, and at the latest after
/// the maximum delay, so a steady stream of writes still refreshes the trends.
/// </summary>
public sealed class StatisticsSnapshotScheduler : IDisposable
{
    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private readonly Action enqueue;
    private readonly TimeSpan quiet;
    private readonly TimeSpan maxDelay;
    private ITimer? timer;
    private DateTimeOffset firstRequest;

    public StatisticsSnapshotScheduler(TimeProvider clock, IOptions<JobsOptions> options, IServiceProvider services)
        : this(clock, options.Value, Enqueuer(options.Value, services))
    {
    }

    internal StatisticsSnapshotScheduler(TimeProvider clock, JobsOptions options, Action enqueue)
    {
        this.clock = clock;
        this.enqueue = enqueue;
        quiet = TimeSpan.FromMilliseconds(options.SnapshotDebounceMilliseconds);
        maxDelay = TimeSpan.FromMilliseconds(options.SnapshotMaxDelayMilliseconds);
    }

    /// <summary>Gets how many snapshots this scheduler has queued.</summary>
    public int Queued { get; private set; }

    /// <summary>Asks for a snapshot soon. Cheap and thread-safe: call it on every change.</summary>
    public void RequestSoon()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (timer is null)
            {
                firstRequest = now;
                timer = clock.CreateTimer(_ => Fire(), null, quiet, Timeout.InfiniteTimeSpan);
                return;
            }

            var left = maxDelay - (now - firstRequest);
            timer.Change(left < quiet ? (left < TimeSpan.Zero ? TimeSpan.Zero : left) : quiet, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
        }
    }

    private void Fire()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            Queued++;
        }

        enqueue();
    }

    private static Action Enqueuer(JobsOptions options, IServiceProvider services)
    {
        if (!options.Enabled)
        {
            // Without Hangfire the per-minute job does not run either; nothing to hurry.
            return () => { };
        }

        return () => services.GetRequiredService<IBackgroundJobClient>().Enqueue<StatisticsSnapshotJob>(job => job.RunAsync());
    }
}
