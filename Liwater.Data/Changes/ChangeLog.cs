using System.Data.Common;
using Dapper;
using Liwater.Data.Access;
using Liwater.Data.Database;

namespace Liwater.Data.Changes;

/// <summary>Appends to and reads the change log. Appends always run inside the caller's write transaction.</summary>
public static class ChangeLog
{
    public static Task<long> AppendAsync(
        DbConnection connection, DbTransaction transaction, long at, string kind, string entity, long? entityId,
        long? communityId, string? summary = null) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO change_log (at, kind, entity, entity_id, community_id, summary)
            VALUES (@at, @kind, @entity, @entityId, @communityId, @summary)
            RETURNING id
            """,
            new { at, kind, entity, entityId, communityId, summary },
            transaction);

    /// <summary>Appends a change whose summary is worded by the UI (<see cref="ChangeSummaries"/>).</summary>
    public static Task<long> AppendAsync(
        DbConnection connection, DbTransaction transaction, long at, string kind, string entity, long? entityId,
        long? communityId, DataError summary) =>
        AppendAsync(connection, transaction, at, kind, entity, entityId, communityId, ChangeSummaries.Encode(summary));

    /// <summary>Changes with an id greater than <paramref name="afterId"/>, oldest first.</summary>
    /// <remarks>
    /// Reading by id is exact only if ids commit in id order. SQLite has one writer, so they do. On PostgreSQL writers
    /// run concurrently and an id is taken before its commit; the change_log trigger of PostgreSql/0001 therefore takes
    /// one cluster-wide lock from the append to the commit, so a transaction cannot take an id while one holding a
    /// smaller id is still running (docs/decisions/0121 says why this and not a visibility-horizon filter).
    /// </remarks>
    public static async Task<IReadOnlyList<ChangeEntry>> ReadAfterAsync(DbConnection connection, long afterId, int max)
    {
        var rows = await connection.QueryAsync<ChangeEntry>(
            """
            SELECT id, at, kind, entity, entity_id AS EntityId, community_id AS CommunityId, summary
            FROM change_log WHERE id > @afterId ORDER BY id LIMIT @max
            """,
            new { afterId, max });
        return rows.AsList();
    }

    /// <summary>The newest change first, for the ticker.</summary>
    /// <remarks>Dialect-specific (SqlDialect.InList): the kinds are a list parameter.</remarks>
    public static async Task<IReadOnlyList<ChangeEntry>> ReadLatestAsync(DbConnection connection, int max, IReadOnlyCollection<string> kinds)
    {
        var rows = await connection.QueryAsync<ChangeEntry>(
            $"""
            SELECT id, at, kind, entity, entity_id AS EntityId, community_id AS CommunityId, summary
            FROM change_log WHERE {SqlDialect.Of(connection).InList("kind", "@kinds")} ORDER BY id DESC LIMIT @max
            """,
            new { max, kinds });
        return rows.AsList();
    }

    public static Task<long> LastIdAsync(DbConnection connection) =>
        connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM change_log");
}
