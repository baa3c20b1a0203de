using System.Globalization;
using System.Net.Mail;
using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Notifications;

/// <summary>Codes of the notification features' refusals (worded by the UI).</summary>
[ErrorCodes]
public static class NotificationErrors
{
    public const string EmailInvalid = "notification.email_invalid";
    public const string EmailTooLong = "notification.email_too_long";
    public const string RetryTownOffice = "notification.retry_town_office";
    public const string DeliveryNotFound = "notification.delivery_not_found";
}

/// <summary>
/// Writes of the notification features: reading notifications, a user's own preferences, and the delivery outbox's
/// state (claim, sent, failed with back-off, retry now, the daily digest). Each is one transaction.
/// </summary>
public sealed class NotificationCommands(Db db, TownClock clock)
{
    public const int EmailMax = 254;

    /// <summary>Marks one notification (or, with null, all) of <paramref name="user"/> read; returns how many changed.</summary>
    public Task<int> MarkReadAsync(ActingUser user, long? notificationId, CancellationToken cancellationToken = default) =>
        db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            var changed = await connection.ExecuteAsync(
                "UPDATE notifications SET read_at = @now WHERE user_id = @userId AND read_at IS NULL AND (@id IS NULL OR id = @id)",
                new { now, userId = user.Id, id = notificationId }, tx);
            if (changed > 0)
            {
                await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.NotificationRead, "user", user.Id, null);
            }

            return changed;
        }, cancellationToken);

    /// <summary>Saves the user's own choices; returns the input errors (nothing is saved when there are any).</summary>
    public async Task<IReadOnlyDictionary<string, DataError>> SavePreferencesAsync(ActingUser user, NotificationPreferences input, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, DataError>();
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is { Length: > EmailMax })
        {
            errors[nameof(input.Email)] = new(NotificationErrors.EmailTooLong, EmailMax);
        }
        else if (email is not null && !IsEmail(email))
        {
            errors[nameof(input.Email)] = new(NotificationErrors.EmailInvalid);
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            await connection.ExecuteAsync(
                """
                INSERT INTO notification_settings (user_id, email, digest, updated_at) VALUES (@userId, @email, @digest, @now)
                ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, digest = excluded.digest, updated_at = excluded.updated_at
                """,
                new { userId = user.Id, email, digest = input.Digest, now }, tx);
            foreach (var kind in NotificationKinds.All)
            {
                foreach (var channel in NotificationChannels.All)
                {
                    await connection.ExecuteAsync(
                        """
                        INSERT INTO notification_preferences (user_id, kind, channel, enabled) VALUES (@userId, @kind, @channel, @enabled)
                        ON CONFLICT (user_id, kind, channel) DO UPDATE SET enabled = excluded.enabled
                        """,
                        new { userId = user.Id, kind, channel, enabled = input.IsOn(kind, channel) }, tx);
                }
            }

            await Audit.WriteAsync(connection, tx, now, user, "notification.preferences", "user", user.Id, refused: false, after: new { email, input.Digest });
        }, cancellationToken);
        return errors;
    }

    /// <summary>
    /// Takes a delivery for sending: only a pending one whose time has come, or one claimed before
    /// <paramref name="staleClaimBeforeMs"/> (its sender died). Two senders never both get it. Returns null otherwise.
    /// </summary>
    public Task<bool> ClaimAsync(long id, long nowMs, long staleClaimBeforeMs, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(
            """
            UPDATE notification_deliveries SET status = 'sending', claimed_at = @nowMs
            WHERE id = @id AND ((status = 'pending' AND next_attempt_at <= @nowMs) OR (status = 'sending' AND claimed_at <= @staleClaimBeforeMs))
            """,
            new { id, nowMs, staleClaimBeforeMs }, tx) == 1, cancellationToken);

    public Task SentAsync(long id, long nowMs, CancellationToken cancellationToken = default) =>
        db.WriteAsync((connection, tx) => connection.ExecuteAsync(
            "UPDATE notification_deliveries SET status = 'sent', sent_at = @nowMs, attempts = attempts + 1, last_error = NULL WHERE id = @id AND status = 'sending'",
            new { id, nowMs }, tx), cancellationToken);

    /// <summary>
    /// Records a failed attempt: another one after <paramref name="baseDelayMs"/> × 2^(attempts − 1), or — at
    /// <paramref name="maxAttempts"/> — status failed, shown on the ops page with the error.
    /// </summary>
    public Task<DeliveryFailure> FailedAsync(long id, string error, long nowMs, int maxAttempts, long baseDelayMs, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (connection, tx) =>
        {
            var attempts = await connection.ExecuteScalarAsync<long>("SELECT attempts FROM notification_deliveries WHERE id = @id", new { id }, tx) + 1;
            long? retryAt = attempts < maxAttempts ? nowMs + BackoffMs(attempts, baseDelayMs) : null;
            await connection.ExecuteAsync(
                """
                UPDATE notification_deliveries SET status = @status, attempts = @attempts, next_attempt_at = COALESCE(@retryAt, next_attempt_at),
                    last_error = @error, claimed_at = NULL
                WHERE id = @id
                """,
                new { id, status = retryAt is null ? DeliveryStatuses.Failed : DeliveryStatuses.Pending, attempts, retryAt, error = Truncate(error, 1000) }, tx);
            return new DeliveryFailure(attempts, retryAt);
        }, cancellationToken);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: base, 2 × base, 4 × base, … (at most a day).</summary>
    public static long BackoffMs(long attempts, long baseDelayMs) =>
        (long)Math.Min(86_400_000d, baseDelayMs * Math.Pow(2, Math.Max(0, attempts - 1)));

    /// <summary>The town office sends a pending or failed delivery again now (one more attempt). Null when refused or unknown.</summary>
    public Task<DataError?> RetryNowAsync(ActingUser user, long id, CancellationToken cancellationToken = default)
    {
        if (user.Role != Roles.TownOffice)
        {
            return Task.FromResult<DataError?>(new(NotificationErrors.RetryTownOffice));
        }

        return db.WriteAsAsync<DataError?>(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            var changed = await connection.ExecuteAsync(
                "UPDATE notification_deliveries SET status = 'pending', next_attempt_at = @now, claimed_at = NULL WHERE id = @id AND status IN ('pending', 'failed')",
                new { id, now }, tx);
            if (changed == 0)
            {
                return new DataError(NotificationErrors.DeliveryNotFound);
            }

            await Audit.WriteAsync(connection, tx, now, user, "notification.retry", "notification_delivery", id, refused: false);
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Writes one digest delivery per user who chose the daily digest, has an address and was notified in the day
    /// before <paramref name="nowMs"/> (with e-mail on for the kind), keyed by the local day so a second run writes
    /// nothing. Returns the new deliveries' ids.
    /// </summary>
    public Task<IReadOnlyList<long>> WriteDigestsAsync(long nowMs, CancellationToken cancellationToken = default) =>
        db.WriteAsync<IReadOnlyList<long>>(async (connection, tx) =>
        {
            var day = clock.ToLocal(nowMs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var users = await connection.QueryAsync<long>(
                """
                SELECT s.user_id FROM notification_settings s JOIN users u ON u.id = s.user_id
                WHERE s.digest = 1 AND s.email IS NOT NULL AND u.is_active = 1
                  AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = s.user_id AND n.created_at > @from AND n.created_at <= @nowMs
                              AND COALESCE((SELECT p.enabled FROM notification_preferences p WHERE p.user_id = n.user_id AND p.kind = n.kind AND p.channel = 'email'), 0) = 1)
                ORDER BY s.user_id
                """,
                new { from = nowMs - 86_400_000, nowMs }, tx);
            var ids = new List<long>();
            foreach (var userId in users)
            {
                var id = await connection.ExecuteScalarAsync<long?>(
                    """
                    INSERT INTO notification_deliveries (dedupe_key, notification_id, user_id, channel, kind, status, attempts, next_attempt_at, created_at)
                    VALUES (@key, NULL, @userId, 'email', @kind, 'pending', 0, @nowMs, @nowMs)
                    ON CONFLICT (dedupe_key) DO NOTHING
                    RETURNING id
                    """,
                    new { key = $"digest:{userId}:{day}", userId, kind = NotificationKinds.Digest, nowMs }, tx);
                if (id is { } d)
                {
                    ids.Add(d);
                }
            }

            return ids;
        }, cancellationToken);

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
