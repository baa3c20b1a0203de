using System.Data.Common;
using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Notifications;

/// <summary>Reads notifications for the bell and the notification page, a user's preferences, and the ops page's deliveries.</summary>
public sealed class NotificationQueries(Db db)
{
    private const string DeliveryColumns =
        """
        SELECT d.id, d.dedupe_key, d.notification_id, d.user_id, u.username, u.display_name, s.email, d.channel, d.kind,
               d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.sent_at,
               n.case_id, n.mark, n.summary, n.change_id, n.created_at AS notified_at
        FROM notification_deliveries d
        JOIN users u ON u.id = d.user_id
        LEFT JOIN notification_settings s ON s.user_id = d.user_id
        LEFT JOIN notifications n ON n.id = d.notification_id
        """;

    /// <summary>The unread count and the newest <paramref name="take"/> notifications of one user (one round trip).</summary>
    public Task<NotificationInbox> InboxAsync(long userId, int take, CancellationToken cancellationToken = default) =>
        db.ReadAsync(async connection =>
        {
            using var grid = await connection.QueryMultipleAsync(
                """
                SELECT COUNT(*) FROM notifications WHERE user_id = @userId AND read_at IS NULL;
                SELECT id, change_id, user_id, kind, case_id, mark, summary, created_at, read_at
                FROM notifications WHERE user_id = @userId ORDER BY id DESC LIMIT @take;
                """,
                new { userId, take = Math.Clamp(take, 1, 200) });
            var unread = await grid.ReadSingleAsync<long>();
            return new NotificationInbox((int)unread, (await grid.ReadAsync<NotificationRow>()).AsList());
        }, cancellationToken);

    public Task<NotificationPreferences> PreferencesAsync(long userId, CancellationToken cancellationToken = default) =>
        db.ReadAsync(connection => ReadPreferencesAsync(connection, null, userId), cancellationToken);

    internal static async Task<NotificationPreferences> ReadPreferencesAsync(DbConnection connection, DbTransaction? tx, long userId)
    {
        using var grid = await connection.QueryMultipleAsync(
            """
            SELECT email, digest FROM notification_settings WHERE user_id = @userId;
            SELECT kind, channel, enabled FROM notification_preferences WHERE user_id = @userId;
            """,
            new { userId }, tx);
        var settings = await grid.ReadSingleOrDefaultAsync<SettingsRow>();
        var choices = (await grid.ReadAsync<ChoiceRow>())
            .ToDictionary(c => NotificationPreferences.Key(c.Kind, c.Channel), c => c.Enabled, StringComparer.Ordinal);
        return new NotificationPreferences { UserId = userId, Email = settings?.Email, Digest = settings?.Digest ?? false, Choices = choices };
    }

    /// <summary>The ops page: counts by status and the newest deliveries (of one status, or all).</summary>
    public Task<(DeliveryCounts Counts, IReadOnlyList<DeliveryRow> Rows)> DeliveriesAsync(string? status, int take, CancellationToken cancellationToken = default) =>
        db.ReadAsync<(DeliveryCounts, IReadOnlyList<DeliveryRow>)>(async connection =>
        {
            using var grid = await connection.QueryMultipleAsync(
                $"""
                SELECT COUNT(*) FILTER (WHERE status = 'pending') AS pending, COUNT(*) FILTER (WHERE status = 'sending') AS sending,
                       COUNT(*) FILTER (WHERE status = 'sent') AS sent, COUNT(*) FILTER (WHERE status = 'failed') AS failed
                FROM notification_deliveries;
                {DeliveryColumns}
                WHERE (@status IS NULL OR d.status = @status)
                ORDER BY d.id DESC LIMIT @take;
                """,
                new { status, take = Math.Clamp(take, 1, 500) });
            var counts = await grid.ReadSingleAsync<CountsRow>();
            return (new DeliveryCounts(counts.Pending, counts.Sending, counts.Sent, counts.Failed), (await grid.ReadAsync<DeliveryRow>()).AsList());
        }, cancellationToken);

    /// <summary>One delivery with what it carries (for the sending job).</summary>
    public Task<DeliveryRow?> DeliveryAsync(long id, CancellationToken cancellationToken = default) =>
        db.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<DeliveryRow>(DeliveryColumns + " WHERE d.id = @id", new { id }), cancellationToken);

    /// <summary>The notifications a digest covers: the user's, created in (<paramref name="fromMs"/>, <paramref name="toMs"/>], oldest first.</summary>
    public Task<IReadOnlyList<NotificationRow>> ForDigestAsync(long userId, long fromMs, long toMs, CancellationToken cancellationToken = default) =>
        db.ReadAsync<IReadOnlyList<NotificationRow>>(async connection => (await connection.QueryAsync<NotificationRow>(
            """
            SELECT id, change_id, user_id, kind, case_id, mark, summary, created_at, read_at
            FROM notifications WHERE user_id = @userId AND created_at > @fromMs AND created_at <= @toMs ORDER BY id
            """,
            new { userId, fromMs, toMs })).AsList(), cancellationToken);

    /// <summary>Deliveries to (re)send now: pending and due, or claimed so long ago that the sender must have died.</summary>
    public Task<IReadOnlyList<long>> DueAsync(long dueBeforeMs, long staleClaimBeforeMs, CancellationToken cancellationToken = default) =>
        db.ReadAsync<IReadOnlyList<long>>(async connection => (await connection.QueryAsync<long>(
            """
            SELECT id FROM notification_deliveries
            WHERE (status = 'pending' AND next_attempt_at <= @dueBeforeMs) OR (status = 'sending' AND claimed_at <= @staleClaimBeforeMs)
            ORDER BY id LIMIT 500
            """,
            new { dueBeforeMs, staleClaimBeforeMs })).AsList(), cancellationToken);

    private sealed record SettingsRow
    {
        public string? Email { get; init; }
        public bool Digest { get; init; }
    }

    private sealed record ChoiceRow
    {
        public string Kind { get; init; } = "";
        public string Channel { get; init; } = "";
        public bool Enabled { get; init; }
    }

    private sealed record CountsRow
    {
        public long Pending { get; init; }
        public long Sending { get; init; }
        public long Sent { get; init; }
        public long Failed { get; init; }
    }
}
