using System.Threading.Channels;
using Hangfire;
using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Liwater.Data.Notifications;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Notifications;

/// <summary>
/// Runs <see cref="NotificationReader"/>: woken by the live feed when a change it reads is committed (and every
/// <see cref="NotificationOptions.PollSeconds"/> regardless, for changes written by other processes or nodes), then
/// hands each new outbound delivery to the delivery job. The reader's cursor lives in the database, so a restart
/// resumes where the last pass stopped; every node may run it (unique keys make a second pass a no-op).
/// </summary>
public sealed class NotificationReaderService(
    NotificationReader reader,
    ILiveFeed feed,
    IServiceProvider services,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationReaderService> logger) : BackgroundService
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Gets the number of passes completed (for tests).</summary>
    public long Passes { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var subscription = feed.Subscribe(
            LiveFilter.OfKinds([.. NotificationRules.ChangeKindsRead]),
            _ =>
            {
                wake.Writer.TryWrite(true);
                return Task.CompletedTask;
            });
        // Resolved at the first delivery, not at start: Hangfire's client opens the job storage.
        IBackgroundJobClient? jobs = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await reader.RunAsync(o.OutboundChannels, stoppingToken);
                foreach (var id in batch.Deliveries)
                {
                    // Without Hangfire (Liwater:Jobs:Enabled = false) deliveries wait, pending, for a node that runs jobs.
                    (jobs ??= services.GetService<IBackgroundJobClient>())?.Enqueue<NotificationDeliveryJob>(j => j.SendAsync(id));
                }

                Passes++;
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                poll.CancelAfter(TimeSpan.FromSeconds(o.PollSeconds));
                try
                {
                    await wake.Reader.ReadAsync(poll.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The poll interval passed without a wake-up: read anyway.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A locked or briefly unavailable database must not end the reader: the cursor did not move, so the next
                // pass produces exactly what this one would have.
                logger.LogError(e, "The notification reader failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
    }
}
