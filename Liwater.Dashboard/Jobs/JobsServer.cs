using Hangfire;
using Liwater.Data.Database;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Hangfire's server as the host sees it. It starts once the app answers, so the first page does not wait for it, and
/// it stops without crashing the process.
/// <list type="bullet">
/// <item>Start: registering the recurring jobs and starting Hangfire's workers took ~0.4 s of a 2 s cold start
/// (decision 0127). They run on the thread pool right after the app starts listening. <see cref="Started"/> completes
/// when they are done. If they fail, the app stops with exit code 1, as a failure at start-up did before.</item>
/// <item>Stop: Hangfire's own hosted service throws <see cref="OperationCanceledException"/> when the host's shutdown
/// timeout passes before its workers have stopped. Unhandled, that ended the app with exit 134 after 30 s whenever a
/// wall was open (issue 11, item 7). The workers get <see cref="ShutdownTimeout"/> to finish. A job cut short runs
/// again at the next start (jobs are idempotent, Hangfire is at-least-once).</item>
/// </list>
/// </summary>
internal sealed class JobsServer(
    Func<IHostedService> createHangfire, IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<JobsServer> logger)
    : IHostedService, IDisposable
{
    /// <summary>How long running jobs may take to finish when the app stops.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The whole host's shutdown budget (Kestrel draining, circuits, the feed, the jobs): under 5 s.</summary>
    public static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(4);

    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopping = new();
    private CancellationTokenRegistration onStarted;
    private volatile bool startRequested;

    // Hangfire's hosted service, created when the jobs start: creating it opens the job storage (the jobs database and
    // its tables), which is not on the path to the first page either.
    private IHostedService? hangfire;

    /// <summary>Gets a task that completes once the recurring jobs are registered and the workers run (it fails if
    /// they could not start, and is cancelled if the app stopped first).</summary>
    public Task Started => started.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        onStarted = lifetime.ApplicationStarted.Register(() =>
        {
            startRequested = true;
            _ = Task.Run(StartNowAsync);
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        onStarted.Dispose(); // from here on the start has been requested or never will be
        if (!startRequested)
        {
            started.TrySetCanceled(stopping.Token);
        }

        try
        {
            await started.Task.WaitAsync(cancellationToken);
        }
        catch (Exception)
        {
            // Never started (stopped first, or failed and already logged): nothing of Hangfire's to stop.
            return;
        }

        try
        {
            await hangfire!.StopAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The jobs server did not stop within the shutdown timeout; an unfinished job runs again at the next start");
        }
    }

    public void Dispose()
    {
        onStarted.Dispose();
        stopping.Dispose();
        (hangfire as IDisposable)?.Dispose();
    }

    private async Task StartNowAsync()
    {
        try
        {
            stopping.Token.ThrowIfCancellationRequested();
            RecurringJobs.Register(
                services.GetRequiredService<IRecurringJobManager>(), services.GetRequiredService<TownClock>().Zone,
                services.GetRequiredService<Liwater.Data.Reports.ReportOptions>().MonthlyReportCron,
                services.GetRequiredService<IOptions<Notifications.NotificationOptions>>().Value.DigestCron);
            hangfire = createHangfire();
            await hangfire.StartAsync(stopping.Token);
            started.TrySetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            started.TrySetCanceled(stopping.Token);
        }
        catch (Exception e)
        {
            // The app is told to stop before Started fails, so whoever waits on Started sees the stop under way.
            logger.LogCritical(e, "The jobs server could not start; Liwater stops");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            started.TrySetException(e);
        }
    }
}
