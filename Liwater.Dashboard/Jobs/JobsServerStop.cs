namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Hangfire's server as the host sees it, with a stop that cannot crash the process. Hangfire's own hosted service
/// throws <see cref="OperationCanceledException"/> when the host's shutdown timeout passes before its workers have
/// stopped; unhandled, that ended the app with exit 134 after 30 s whenever a wall was open (issue 11, item 7). The
/// workers get <see cref="ShutdownTimeout"/> to finish; a job cut short runs again at the next start (jobs are
/// idempotent, Hangfire is at-least-once).
/// </summary>
internal sealed class JobsServerStop(IHostedService hangfire, ILogger<JobsServerStop> logger) : IHostedService, IDisposable
{
    /// <summary>How long running jobs may take to finish when the app stops.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The whole host's shutdown budget (Kestrel draining, circuits, the feed, the jobs): under 5 s.</summary>
    public static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(4);

    public Task StartAsync(CancellationToken cancellationToken) => hangfire.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await hangfire.StopAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The jobs server did not stop within the shutdown timeout; an unfinished job runs again at the next start");
        }
    }

    public void Dispose() => (hangfire as IDisposable)?.Dispose();
}
