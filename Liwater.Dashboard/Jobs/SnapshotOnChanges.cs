using Liwater.Dashboard.Live;
using Liwater.Data.Changes;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Listens to the live change feed and asks for a statistics snapshot after every burst of changes, so the trends
/// follow the data within seconds instead of at the next minute. The snapshot's own "statistics updated" entry is
/// ignored, or each snapshot would ask for the next.
/// </summary>
public sealed class SnapshotOnChanges(ChangeFeed feed, StatisticsSnapshotScheduler scheduler) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(LiveFilter.Everything, changes =>
        {
            var last = changes.Where(c => c.Kind != ChangeKinds.StatisticsUpdated).Select(c => c.Id).DefaultIfEmpty().Max();
            if (last > 0)
            {
                scheduler.RequestSoon(last);
            }

            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
