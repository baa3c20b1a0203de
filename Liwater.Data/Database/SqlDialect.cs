using System.Data.Common;
using Npgsql;

namespace Liwater.Data.Database;

/// <summary>
/// The one place where Liwater's SQL differs between SQLite and PostgreSQL. Everything else is written once in the
/// dialect both engines share (docs/decisions/0120):
/// <list type="bullet">
/// <item>flags are 0/1 integers in both schemas and C# <c>bool</c> parameters are sent as 0/1 (DapperSetup);</item>
/// <item>counting by a condition is <c>COUNT(*) FILTER (WHERE …)</c>, never <c>SUM(a = b)</c>;</item>
/// <item>casts name <c>BIGINT</c> and <c>DOUBLE PRECISION</c> (SQLite maps both names to its own affinities);</item>
/// <item>null-safe comparison is <c>IS DISTINCT FROM</c>; case-insensitive text is <c>lower(a) LIKE lower(b)</c>;</item>
/// <item>every subquery in FROM has an alias; <c>INSERT … RETURNING</c> and <c>ON CONFLICT</c> are shared syntax.</item>
/// </list>
/// A query that needs a fragment from here says so in a comment and interpolates only these constant fragments
/// (never values), so each query still has exactly one SQL text per engine for Dapper's cache.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(DatabaseProvider.Sqlite);
    public static readonly SqlDialect PostgreSql = new(DatabaseProvider.PostgreSql);

    private SqlDialect(DatabaseProvider provider) => Provider = provider;

    public DatabaseProvider Provider { get; }

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>The dialect of an open connection.</summary>
    public static SqlDialect Of(DbConnection connection) => connection is NpgsqlConnection ? PostgreSql : Sqlite;

    /// <summary>
    /// <c>column</c> is one of the values of the list parameter <c>@name</c>. Dapper expands <c>IN @list</c> into one
    /// parameter per value on SQLite, but sends a real array to Npgsql, where the test is <c>= ANY(@list)</c>.
    /// </summary>
    public string InList(string column, string parameter) =>
        IsPostgreSql ? $"{column} = ANY({parameter})" : $"{column} IN {parameter}";

    /// <summary>
    /// A table of rows from a JSON array parameter of objects, one column per field: <c>(key, column, integer)</c>
    /// takes <c>obj[key]</c> as <c>column</c>, cast to BIGINT when <c>integer</c> (SQLite's json_extract types values
    /// itself).
    /// </summary>
    public string JsonRows(string parameter, params (string Key, string Column, bool Integer)[] fields) =>
        IsPostgreSql
            ? $"SELECT {string.Join(", ", fields.Select(f => f.Integer ? $"CAST(j.value->>'{f.Key}' AS BIGINT) AS {f.Column}" : $"j.value->>'{f.Key}' AS {f.Column}"))} " +
              $"FROM jsonb_array_elements(CAST({parameter} AS jsonb)) AS j(value)"
            : $"SELECT {string.Join(", ", fields.Select(f => $"json_extract(value, '$.{f.Key}') AS {f.Column}"))} FROM json_each({parameter})";

    /// <summary>The integers of a JSON array parameter such as <c>[1,2,3]</c>, as a one-column table (<c>value</c>).</summary>
    public string JsonIntegers(string parameter) =>
        IsPostgreSql
            ? $"SELECT CAST(j.value AS BIGINT) AS value FROM jsonb_array_elements_text(CAST({parameter} AS jsonb)) AS j(value)"
            : $"SELECT value FROM json_each({parameter})";

    /// <summary>
    /// Pins a table's index on SQLite (<c>INDEXED BY</c>, which fails loudly if the index is gone); nothing on
    /// PostgreSQL, which plans from the statistics it keeps itself. For statements whose SQLite plan otherwise depends
    /// on whatever statistics a file happens to have (LiveCounterQueries).
    /// </summary>
    public string IndexedBy(string index) => IsPostgreSql ? "" : $"INDEXED BY {index}";

    /// <summary>The values of an integer column of a group joined with commas (SQLite's group_concat).</summary>
    public string JoinIds(string column) =>
        IsPostgreSql ? $"string_agg(CAST({column} AS TEXT), ',')" : $"group_concat({column})";

    /// <summary>
    /// A GROUP BY key that the planner must not satisfy by walking an index: SQLite's unary plus (see
    /// SnapshotCommands); PostgreSQL needs the plain column to match the selected one and plans this well by itself.
    /// </summary>
    public string GroupKeyWithoutIndex(string column) => IsPostgreSql ? column : "+" + column;

    /// <summary>
    /// After rows were inserted with explicit ids (the demo loader), move every id sequence past the largest id so that
    /// the next ordinary insert does not collide. SQLite's rowids need nothing; null then.
    /// </summary>
    public string? ResyncIdSequences =>
        IsPostgreSql
            ? """
              DO $$
              DECLARE t record;
              BEGIN
                  FOR t IN SELECT c.table_name, c.column_name FROM information_schema.columns c
                           WHERE c.table_schema = 'public' AND c.is_identity = 'YES' LOOP
                      EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, false)',
                                     t.table_name, t.column_name, t.column_name, t.table_name);
                  END LOOP;
              END $$
              """
            : null;
}
