using Liwater.Data.Statistics;

namespace Liwater.Dashboard.Cluster;

/// <summary>
/// Folds PostgreSQL's case-count deltas (<see cref="CaseCountDeltas"/>) every few seconds on each node, so the wall's
/// counts read a row per key plus the few seconds of deltas since. Registered on PostgreSQL only.
/// </summary>
public sealed class CaseCountFolding(CaseCountDeltas deltas, TimeProvider clock, ILogger<CaseCountFolding> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await deltas.FoldAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The deltas stay correct unfolded; the next tick tries again.
                    logger.LogWarning(e, "Folding the case-count deltas failed; the counts stay exact and the next fold tries again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
