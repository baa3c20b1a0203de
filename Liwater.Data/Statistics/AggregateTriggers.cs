using System.Data.Common;
using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Statistics;

/// <summary>
/// A bulk load into an empty PostgreSQL database with the aggregate and grid triggers (migrations 0022, 0024) off for
/// its transaction, and every aggregate counted once from the rows at the end.
/// </summary>
/// <remarks>
/// Row by row, the triggers update each compound's aggregate row once per inserted household, contact, building and
/// activity: about 80,000 updates of 43 rows in one transaction for the demo. PostgreSQL keeps every version of a row
/// updated in an open transaction, and each update walks that growing chain, so the demo load took ~20 s of the
/// server's CPU (1.5 s on SQLite, whose rows update in place). ALTER TABLE is transactional: the triggers are off
/// only inside the load's transaction, for no one else, and a load that fails leaves them as they were. Only the
/// triggers' owner may switch them; a database whose tables belong to another role loads with them on, as before.
/// SQLite loads with its triggers.
/// </remarks>
public static class AggregateTriggers
{
    private const string OwnTriggers =
        """
        SELECT c.relname AS "Table", t.tgname AS "Trigger", pg_has_role(c.relowner, 'USAGE') AS "Owned"
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
          AND (t.tgname LIKE 'agg\_%' OR t.tgname LIKE 'grid\_%')
        ORDER BY 1, 2
        """;

    /// <summary>Runs <paramref name="load"/> in the caller's transaction; on PostgreSQL with the aggregate triggers off
    /// and the aggregates recounted after it. Only for an empty database: the switch locks the tables until commit.</summary>
    public static async Task<T> LoadWithoutAsync<T>(DbConnection connection, DbTransaction transaction, Func<T> load)
    {
        var triggers = SqlDialect.Of(connection).IsPostgreSql
            ? (await connection.QueryAsync<(string Table, string Trigger, bool Owned)>(OwnTriggers, transaction: transaction)).AsList()
            : [];
        if (triggers.Count == 0 || triggers.Exists(t => !t.Owned))
        {
            return load();
        }

        await SwitchAsync(connection, transaction, triggers, "DISABLE");
        var loaded = load();
        await AggregateCheck.RebuildAsync(connection, transaction);
        await SwitchAsync(connection, transaction, triggers, "ENABLE");
        return loaded;
    }

    private static Task<int> SwitchAsync(DbConnection connection, DbTransaction transaction, List<(string Table, string Trigger, bool Owned)> triggers, string how) =>
        // Names from the catalog, quoted as identifiers (DDL takes no parameters).
        connection.ExecuteAsync(
            string.Concat(triggers.Select(t => $"ALTER TABLE \"{t.Table}\" {how} TRIGGER \"{t.Trigger}\";")),
            transaction: transaction);
}
