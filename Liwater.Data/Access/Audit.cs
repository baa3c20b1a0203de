using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Access;

/// <summary>Writes audit_log rows (before/after as JSON) inside the caller's transaction.</summary>
public static class Audit
{
    // Chinese stays readable in the log; HTML-sensitive characters are still escaped.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static Task WriteAsync(
        DbConnection connection, DbTransaction transaction, long at, ActingUser user, string action, string entity, long? entityId,
        bool refused, object? before = null, object? after = null) =>
        connection.ExecuteAsync(
            """
            INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, outcome, before, after)
            VALUES (@at, @userId, @username, @action, @entity, @entityId, @outcome, @before, @after)
            """,
            new
            {
                at,
                userId = user.Id == 0 ? (long?)null : user.Id,
                username = user.Username,
                action,
                entity,
                entityId,
                outcome = refused ? "refused" : "ok",
                before = before is null ? null : ToJson(before),
                after = after is null ? null : ToJson(after),
            },
            transaction);

    /// <summary>
    /// Records a refused attempt in a transaction of its own: the refused write itself is never committed, but the
    /// attempt must leave a trace.
    /// </summary>
    public static Task RefusedAsync(Db db, ActingUser user, string action, string entity, long? entityId, object? attempted, CancellationToken cancellationToken) =>
        db.WriteAsync((c, t) => WriteAsync(c, t, db.NowMs, user, action, entity, entityId, refused: true, after: attempted), cancellationToken);
}
