using Hangfire;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Jobs;

/// <summary>Writes the minute's statistics snapshot (every minute, and soon after a burst of changes).</summary>
public sealed class StatisticsSnapshotJob(SnapshotCommands snapshots, TimeProvider clock, IOptionsMonitor<JobsOptions> options, ILogger<StatisticsSnapshotJob> logger)
{
    /// <summary>Runs for the current minute; a retry after the minute has passed simply takes the next one.</summary>
    [JobDisplayName(nameof(JobNames.StatisticsSnapshot), ResourceType = typeof(JobNames))]
    [AutomaticRetry(Attempts = 2)]
    public async Task<SnapshotResult> RunAsync()
    {
        var result = await snapshots.TakeAsync(clock.GetUtcNow().ToUnixTimeMilliseconds(), options.CurrentValue.SnapshotKeepMinuteDays);
        logger.LogDebug("Statistics snapshot {TakenAt}: {Rows} rows, {Changed} changed, {Pruned} pruned", result.TakenAt, result.Rows, result.Changed, result.Pruned);
        return result;
    }

    /// <summary>
    /// Runs after a burst of changes up to <paramref name="throughChangeId"/>, unless a snapshot taken since has seen it
    /// (another node's, queued for the same burst): returns null then.
    /// </summary>
    [JobDisplayName(nameof(JobNames.StatisticsSnapshotAfterChange), ResourceType = typeof(JobNames))]
    [AutomaticRetry(Attempts = 2)]
    public async Task<SnapshotResult?> RunAfterChangeAsync(long throughChangeId)
    {
        var result = await snapshots.TakeAfterChangeAsync(clock.GetUtcNow().ToUnixTimeMilliseconds(), throughChangeId, options.CurrentValue.SnapshotKeepMinuteDays);
        logger.LogDebug("Statistics snapshot after change {ChangeId}: {Outcome}", throughChangeId, result is null ? "already covered" : $"{result.Rows} rows, {result.Changed} changed");
        return result;
    }
}
