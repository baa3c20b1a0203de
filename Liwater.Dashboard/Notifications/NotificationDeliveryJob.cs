using Hangfire;
using Liwater.Dashboard.Jobs;
using Liwater.Data.Notifications;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Notifications;

/// <summary>
/// The retrying delivery jobs (decision 0136). <see cref="SendAsync"/> sends one delivery: it claims the row (so two
/// runs — a duplicate enqueue, a second node — never both send), renders and sends it, and records the outcome. A
/// failure schedules the next attempt itself with exponential back-off (Hangfire's own retry is off: the delivery row,
/// not the job, holds the attempts) and gives up after <see cref="NotificationOptions.MaxAttempts"/>, leaving status
/// failed and the error on the ops page. A failure never reaches the write that caused the notification.
/// </summary>
public sealed class NotificationDeliveryJob(
    NotificationQueries queries,
    NotificationCommands commands,
    NotificationMessages messages,
    EmailSender email,
    WebhookSender webhook,
    IBackgroundJobClient jobs,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationDeliveryJob> logger)
{
    [JobDisplayName(nameof(JobNames.NotificationSend), ResourceType = typeof(JobNames))]
    [AutomaticRetry(Attempts = 0)]
    public async Task SendAsync(long deliveryId)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (!await commands.ClaimAsync(deliveryId, now, now - (o.StaleClaimMinutes * 60_000L)))
        {
            return; // sent, failed, not due yet, or another sender has it
        }

        var delivery = await queries.DeliveryAsync(deliveryId);
        try
        {
            if (delivery is null || !o.OutboundChannels.Contains(delivery.Channel))
            {
                throw new InvalidOperationException($"The {delivery?.Channel} channel is not configured (Liwater:Notifications).");
            }

            var digest = delivery.Kind == NotificationKinds.Digest
                ? await queries.ForDigestAsync(delivery.UserId, delivery.CreatedAt - 86_400_000, delivery.CreatedAt)
                : [];
            var message = messages.Render(delivery, digest);
            if (delivery.Channel == NotificationChannels.Email)
            {
                if (string.IsNullOrWhiteSpace(delivery.Email))
                {
                    throw new InvalidOperationException("The user has no e-mail address.");
                }

                await email.SendAsync(delivery.Email, delivery.DisplayName, message, CancellationToken.None);
            }
            else
            {
                await webhook.SendAsync(delivery.DedupeKey, message, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            var failure = await commands.FailedAsync(deliveryId, e.GetType().Name + ": " + e.Message, clock.GetUtcNow().ToUnixTimeMilliseconds(), o.MaxAttempts, o.RetryBaseMs);
            if (failure.RetryAt is { } at)
            {
                // Hangfire keeps schedules in whole seconds and may start a job up to a second early; the claim would then
                // find the delivery not yet due and the retry would wait for the minute sweep. Round up to the second.
                jobs.Schedule<NotificationDeliveryJob>(j => j.SendAsync(deliveryId), DateTimeOffset.FromUnixTimeMilliseconds(((at + 999) / 1000) * 1000));
                logger.LogWarning("Delivery {Id} failed (attempt {Attempts}); next attempt at {At}: {Error}", deliveryId, failure.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(at), e.Message);
            }
            else
            {
                logger.LogError("Delivery {Id} failed {Attempts} times; given up: {Error}", deliveryId, failure.Attempts, e.Message);
            }

            return;
        }

        await commands.SentAsync(deliveryId, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// Every minute: enqueues deliveries whose send was lost (the process stopped between writing and enqueueing, or a
    /// sender died holding one). A delivery whose retry is already scheduled is not due yet, so it is not doubled.
    /// </summary>
    [JobDisplayName(nameof(JobNames.NotificationSweep), ResourceType = typeof(JobNames))]
    [AutomaticRetry(Attempts = 0)]
    public async Task SweepAsync()
    {
        var o = options.Value;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var id in await queries.DueAsync(now - 60_000, now - (o.StaleClaimMinutes * 60_000L)))
        {
            jobs.Enqueue<NotificationDeliveryJob>(j => j.SendAsync(id));
        }
    }

    /// <summary>Daily: writes the digest deliveries of users who chose one and enqueues them.</summary>
    [JobDisplayName(nameof(JobNames.NotificationDigest), ResourceType = typeof(JobNames))]
    [AutomaticRetry(Attempts = 2)]
    public async Task DigestAsync()
    {
        foreach (var id in await commands.WriteDigestsAsync(clock.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            jobs.Enqueue<NotificationDeliveryJob>(j => j.SendAsync(id));
        }
    }
}
