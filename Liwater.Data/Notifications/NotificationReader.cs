using System.Data.Common;
using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Notifications;

/// <summary>
/// The one reader that turns the change log into notifications (decision 0135). Each pass is one write transaction:
/// read the cursor, read the changes after it, write a notification per event and recipient and a delivery per
/// outbound channel the recipient chose, advance the cursor. The rows' unique keys — (change, user) and the
/// delivery's (notification, channel) — make a pass that runs twice (a restart, a second node, a retried PostgreSQL
/// transaction) produce nothing new, and the cursor moves only with what was written, so nothing is skipped.
/// </summary>
public sealed class NotificationReader(Db db)
{
    public const string CursorName = "notifications";

    private const int BatchSize = 200;

    /// <summary>
    /// Reads the changes committed since the last pass. On the very first pass the reader starts at the end of the log
    /// (history is not news). <paramref name="outbound"/> are the channels this deployment sends (e-mail and webhook
    /// are off by default); a delivery is written only for those.
    /// </summary>
    public async Task<NotificationBatch> RunAsync(IReadOnlySet<string> outbound, CancellationToken cancellationToken = default)
    {
        var (read, notified, deliveries) = (0, 0, new List<long>());
        while (true)
        {
            var batch = await db.WriteAsync((connection, tx) => PassAsync(connection, tx, outbound), cancellationToken);
            (read, notified) = (read + batch.ChangesRead, notified + batch.Notifications);
            deliveries.AddRange(batch.Deliveries);
            if (batch.ChangesRead < BatchSize)
            {
                return new NotificationBatch(read, notified, deliveries);
            }
        }
    }

    private static async Task<NotificationBatch> PassAsync(DbConnection connection, DbTransaction tx, IReadOnlySet<string> outbound)
    {
        var cursor = await connection.ExecuteScalarAsync<long?>(
            "SELECT last_change_id FROM notification_cursor WHERE name = @name", new { name = CursorName }, tx);
        if (cursor is null)
        {
            await connection.ExecuteAsync(
                "INSERT INTO notification_cursor (name, last_change_id) VALUES (@name, (SELECT COALESCE(MAX(id), 0) FROM change_log))",
                new { name = CursorName }, tx);
            return NotificationBatch.Empty;
        }

        var changes = (await connection.QueryAsync<ChangeEntry>(
            """
            SELECT id, at, kind, entity, entity_id AS EntityId, community_id AS CommunityId, summary
            FROM change_log WHERE id > @cursor ORDER BY id LIMIT @max
            """,
            new { cursor, max = BatchSize }, tx)).AsList();
        if (changes.Count == 0)
        {
            return NotificationBatch.Empty;
        }

        List<Recipient>? users = null;
        var preferences = new Dictionary<long, NotificationPreferences>();
        var (notified, deliveries) = (0, new List<long>());
        var told = new HashSet<long>();
        foreach (var change in changes.Where(c => c.Entity == "case" && c.EntityId is not null && NotificationRules.ChangeKindsRead.Contains(c.Kind)))
        {
            var caseId = change.EntityId!.Value;
            var facts = await ReadFactsAsync(connection, tx, caseId, change.At);
            if (facts is null)
            {
                continue;
            }

            var kind = NotificationRules.Classify(change.Kind, facts.Value.EventKind, facts.Value.MeetingDecision);
            if (kind is null)
            {
                continue;
            }

            users ??= await ReadRecipientsAsync(connection, tx);
            var mark = kind switch
            {
                NotificationKinds.DueSoon => await connection.ExecuteScalarAsync<string?>(
                    "SELECT mark FROM case_due_warnings WHERE case_id = @caseId AND recorded_at = @at ORDER BY due_at LIMIT 1", new { caseId, at = change.At }, tx),
                NotificationKinds.Breached => await connection.ExecuteScalarAsync<string?>(
                    "SELECT mark FROM case_breaches WHERE case_id = @caseId AND recorded_at = @at ORDER BY due_at LIMIT 1", new { caseId, at = change.At }, tx),
                _ => null,
            };
            foreach (var userId in NotificationRules.Recipients(kind, facts.Value.Facts, users))
            {
                if (!preferences.TryGetValue(userId, out var choice))
                {
                    choice = preferences[userId] = await NotificationQueries.ReadPreferencesAsync(connection, tx, userId);
                }

                // In-app off: the row is still written (the event happened to the user; e-mail and the digest need it) but
                // as read, so it neither rings the bell nor pops up in the browser.
                var id = await connection.ExecuteScalarAsync<long?>(
                    """
                    INSERT INTO notifications (change_id, user_id, kind, case_id, mark, summary, created_at, read_at)
                    VALUES (@changeId, @userId, @kind, @caseId, @mark, @summary, @at, @readAt)
                    ON CONFLICT (change_id, user_id) DO NOTHING
                    RETURNING id
                    """,
                    new
                    {
                        changeId = change.Id, userId, kind, caseId, mark, summary = change.Summary ?? "", at = change.At,
                        readAt = choice.IsOn(kind, NotificationChannels.InApp) ? (long?)null : change.At,
                    },
                    tx);
                if (id is null)
                {
                    continue;
                }

                notified++;
                told.Add(userId);
                foreach (var channel in NotificationChannels.Outbound.Where(outbound.Contains).Where(ch => choice.IsOn(kind, ch)))
                {
                    // E-mail needs an address, and a digest user gets the day's mail in one message instead.
                    if (channel == NotificationChannels.Email && (string.IsNullOrWhiteSpace(choice.Email) || choice.Digest))
                    {
                        continue;
                    }

                    var delivery = await connection.ExecuteScalarAsync<long?>(
                        """
                        INSERT INTO notification_deliveries (dedupe_key, notification_id, user_id, channel, kind, status, attempts, next_attempt_at, created_at)
                        VALUES (@key, @id, @userId, @channel, @kind, 'pending', 0, @at, @at)
                        ON CONFLICT (dedupe_key) DO NOTHING
                        RETURNING id
                        """,
                        new { key = $"n:{id}:{channel}", id, userId, channel, kind, at = change.At }, tx);
                    if (delivery is { } d)
                    {
                        deliveries.Add(d);
                    }
                }
            }
        }

        var now = changes[^1].At;
        foreach (var userId in told.Order())
        {
            await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.NotificationCreated, "user", userId, null);
        }

        await connection.ExecuteAsync(
            "UPDATE notification_cursor SET last_change_id = @last WHERE name = @name AND last_change_id < @last",
            new { last = changes[^1].Id, name = CursorName }, tx);
        return new NotificationBatch(changes.Count, notified, deliveries);
    }

    /// <summary>The facts of the case event written at <paramref name="at"/> (the change's own timestamp), or null when the case is gone.</summary>
    internal static async Task<(CaseEventFacts Facts, string? EventKind, bool MeetingDecision)?> ReadFactsAsync(DbConnection connection, DbTransaction? tx, long caseId, long at)
    {
        using var grid = await connection.QueryMultipleAsync(
            """
            SELECT id AS case_id, community_id, compound_id, level, source_channel, assignee_id FROM cases WHERE id = @caseId;
            SELECT kind, user_id, to_level FROM case_events WHERE case_id = @caseId AND at = @at ORDER BY id DESC LIMIT 1;
            SELECT DISTINCT user_id FROM case_events WHERE case_id = @caseId AND user_id IS NOT NULL;
            SELECT COUNT(*) FROM meeting_items WHERE case_id = @caseId AND decided_at = @at;
            """,
            new { caseId, at },
            tx);
        var row = await grid.ReadSingleOrDefaultAsync<CaseEventFacts>();
        var evt = await grid.ReadSingleOrDefaultAsync<EventRef>();
        var workers = (await grid.ReadAsync<long>()).ToHashSet();
        var decided = await grid.ReadSingleAsync<long>() > 0;
        if (row is null)
        {
            return null;
        }

        var facts = row with
        {
            Level = evt?.ToLevel ?? row.Level,
            Workers = workers,
            ActorId = evt?.UserId,
        };
        return (facts, evt?.Kind, decided);
    }

    /// <summary>Every account the rule may pick from, with a steward's compounds.</summary>
    internal static async Task<List<Recipient>> ReadRecipientsAsync(DbConnection connection, DbTransaction? tx) =>
        (await connection.QueryAsync<Recipient>(
            $"""
            SELECT u.id, u.username, u.display_name, u.role, u.community_id, u.is_active,
                   (SELECT {SqlDialect.Of(connection).JoinIds("x.compound_id")} FROM user_compounds x WHERE x.user_id = u.id) AS compound_list
            FROM users u WHERE u.is_active = 1 ORDER BY u.id
            """,
            transaction: tx)).AsList();

    private sealed record EventRef
    {
        public string Kind { get; init; } = "";
        public long? UserId { get; init; }
        public string? ToLevel { get; init; }
    }
}
