using Hangfire;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Queues one statistics snapshot after a burst of changes: the live change feed calls <see cref="RequestSoon"/> on
/// every commit it sees; the snapshot is queued once the changes pause for the debounce time, and at the latest after
/// the maximum delay, so a steady stream of writes still refreshes the trends. The job carries the last change id of
/// the burst: every node of a cluster queues one for the same burst, and the first to run covers it for the others
/// (<see cref="SnapshotCommands.TakeAfterChangeAsync"/>).
/// </summary>
public sealed class StatisticsSnapshotScheduler : IDisposable
{
    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private readonly Action<long> enqueue;
    private readonly TimeSpan quiet;
    private readonly TimeSpan maxDelay;
    private ITimer? timer;
    private DateTimeOffset firstRequest;
    private long lastChangeId;

    public StatisticsSnapshotScheduler(TimeProvider clock, IOptions<JobsOptions> options, IServiceProvider services)
        : this(clock, options.Value, Enqueuer(options.Value, services))
    {
    }

    internal StatisticsSnapshotScheduler(TimeProvider clock, JobsOptions options, Action<long> enqueue)
    {
        this.clock = clock;
        this.enqueue = enqueue;
        quiet = TimeSpan.FromMilliseconds(options.SnapshotDebounceMilliseconds);
        maxDelay = TimeSpan.FromMilliseconds(options.SnapshotMaxDelayMilliseconds);
    }

    /// <summary>Gets how many snapshots this scheduler has queued.</summary>
    public int Queued { get; private set; }

    /// <summary>Asks for a snapshot soon, after the change <paramref name="changeId"/>. Cheap and thread-safe: call it on every change.</summary>
    public void RequestSoon(long changeId)
    {
        lock (gate)
        {
            lastChangeId = Math.Max(lastChangeId, changeId);
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
        long changeId;
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            Queued++;
            changeId = lastChangeId;
        }

        enqueue(changeId);
    }

    private static Action<long> Enqueuer(JobsOptions options, IServiceProvider services)
    {
        if (!options.Enabled)
        {
            // Without Hangfire the per-minute job does not run either; nothing to hurry.
            return _ => { };
        }

        return changeId => services.GetRequiredService<IBackgroundJobClient>().Enqueue<StatisticsSnapshotJob>(job => job.RunAfterChangeAsync(changeId));
    }
}
