using Dapper;
using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Liwater.Dashboard.Cluster;

/// <summary>
/// <c>/healthz</c>: whether this node reaches its database and how far its live feed lags behind the change log. The
/// load balancer takes a node out when it is unhealthy: no database, or a feed that has not handed out a change
/// committed more than <see cref="MaxFeedLag"/> ago. It also reports the SQLite writer's commits and the writes they
/// carried since start (<see cref="Db.CommitCounts"/>, zero on PostgreSQL): their ratio is the group-commit factor
/// that the benchmark prints (decision 0177).
/// </summary>
public sealed class LiwaterHealthCheck(Db db, ChangeFeed feed) : IHealthCheck
{
    public static readonly TimeSpan MaxFeedLag = TimeSpan.FromSeconds(30);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var handedOut = feed.LastId;
            var (last, oldestWaitingAt) = await db.ReadAsync(
                async c => (
                    await ChangeLog.LastIdAsync(c),
                    await c.ExecuteScalarAsync<long?>("SELECT MIN(at) FROM change_log WHERE id > @handedOut", new { handedOut })),
                cancellationToken);
            var lagMs = oldestWaitingAt is { } at ? Math.Max(0, db.NowMs - at) : 0;
            var (commits, committedWrites) = db.CommitCounts;
            var data = new Dictionary<string, object>
            {
                ["provider"] = db.Provider.ToString(),
                ["database"] = "reachable",
                ["feedStarted"] = feed.Started.IsCompleted,
                ["feedLastId"] = handedOut,
                ["changeLogLastId"] = last,
                ["feedBehind"] = Math.Max(0, last - handedOut),
                ["feedLagMs"] = lagMs,
                ["commits"] = commits,
                ["committedWrites"] = committedWrites,
            };
            return !feed.Started.IsCompleted || lagMs > MaxFeedLag.TotalMilliseconds
                ? HealthCheckResult.Unhealthy("The live feed is behind the change log.", data: data)
                : HealthCheckResult.Healthy("Database reachable, live feed current.", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(
                "The database cannot be reached.", e,
                new Dictionary<string, object> { ["provider"] = db.Provider.ToString(), ["database"] = "unreachable" });
        }
    }
}
