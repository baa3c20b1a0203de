using System.Diagnostics;
using System.Globalization;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Liwater.Bench;

/// <summary>
/// Copies a generated SQLite database (demo, 10× town, city) into a PostgreSQL database made by the real PostgreSQL
/// migrations, so both engines are measured on the same rows. Every table the two schemas share is copied with binary
/// COPY, column by column where both have it; triggers and foreign keys are off while copying
/// (<c>session_replication_role = replica</c>: the aggregate tables are copied as SQLite counted them, not counted
/// again), secondary indexes are dropped before and rebuilt after, identity sequences moved past the copied ids, then
/// VACUUM ANALYZE (the generator ends SQLite's copy with ANALYZE).
/// </summary>
internal static class PgCopy
{
    private const string Journal = "schema_versions";

    public static async Task RunAsync(string sqlitePath, string connectionString)
    {
        var total = Stopwatch.StartNew();
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString;
        SchemaMigrator.Migrate(new Db(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = target }, NoChangeSignal.Instance, TimeProvider.System));

        using var source = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly;Pooling=False");
        source.Open();
        await using var pg = new NpgsqlConnection(target);
        await pg.OpenAsync();
        var pgColumns = (await pg.QueryAsync<(string Table, string Column, string Type)>(
                """
                SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
                WHERE c.table_schema = 'public' ORDER BY c.table_name, c.ordinal_position
                """))
            .GroupBy(c => c.Table)
            .ToDictionary(g => g.Key, g => g.ToList());
        var sources = source.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")
            .Where(t => t != Journal && pgColumns.ContainsKey(PgTable(t)))
            .ToList();
        var tables = sources.Select(PgTable).ToList();
        var tableList = string.Join(", ", tables.Select(t => $"\"{t}\""));

        // Secondary indexes only; those behind primary keys and unique constraints stay (COPY keeps them valid).
        var indexes = (await pg.QueryAsync<(string Name, string Definition)>(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            new { tables = tables.ToArray() })).ToList();

        await using (var tx = await pg.BeginTransactionAsync())
        {
            await pg.ExecuteAsync("SET LOCAL session_replication_role = replica", transaction: tx);
            // Rows the migrations seed (settings, lookups) come again from SQLite's copy of the same migrations.
            await pg.ExecuteAsync($"TRUNCATE {tableList} CASCADE", transaction: tx);
            foreach (var (name, _) in indexes)
            {
                await pg.ExecuteAsync($"DROP INDEX {name}", transaction: tx);
            }

            long rows = 0;
            foreach (var table in sources)
            {
                var watch = Stopwatch.StartNew();
                var sqliteColumns = source.Query<string>($"SELECT name FROM pragma_table_info('{table}')").ToHashSet(StringComparer.Ordinal);
                var columns = pgColumns[PgTable(table)].Where(c => sqliteColumns.Contains(c.Column)).ToList();
                var copied = CopyTable(source, pg, table, columns);
                rows += copied;
                if (copied > 100_000)
                {
                    Console.WriteLine($"    {table}: {copied:N0} rows in {watch.Elapsed.TotalSeconds:F1} s");
                }
            }

            var rebuild = Stopwatch.StartNew();
            foreach (var (_, definition) in indexes)
            {
                await pg.ExecuteAsync(definition, transaction: tx);
            }

            Console.WriteLine($"    {rows:N0} rows in {tables.Count} tables; {indexes.Count} indexes rebuilt in {rebuild.Elapsed.TotalSeconds:F1} s");
            var identities = await pg.QueryAsync<(string Table, string Column)>(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES' AND table_name = ANY(@tables)",
                new { tables = tables.ToArray() }, tx);
            foreach (var (table, column) in identities)
            {
                await pg.ExecuteAsync($"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE(MAX(\"{column}\"), 0) + 1, false) FROM \"{table}\"", transaction: tx);
            }

            await tx.CommitAsync();
        }

        var vacuum = Stopwatch.StartNew();
        await pg.ExecuteAsync("VACUUM ANALYZE");
        Console.WriteLine($"    VACUUM ANALYZE {vacuum.Elapsed.TotalSeconds:F1} s; copied {Path.GetFileName(sqlitePath)} into PostgreSQL in {total.Elapsed.TotalSeconds:F1} s");
    }

    // SQLite tables whose rows live in another table on PostgreSQL (there the old name is a view over it).
    private static string PgTable(string sqliteTable) => sqliteTable switch
    {
        "agg_case_counts" => "agg_case_count_deltas", // decision 0125: counts as deltas
        _ => sqliteTable,
    };

    private static long CopyTable(SqliteConnection source, NpgsqlConnection pg, string table, List<(string Table, string Column, string Type)> columns)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c.Column}\""));
        using var read = source.CreateCommand();
        read.CommandText = $"SELECT {names} FROM \"{table}\"";
        using var reader = read.ExecuteReader();
        using var import = pg.BeginBinaryImport($"COPY \"{PgTable(table)}\" ({names}) FROM STDIN (FORMAT BINARY)");
        long rows = 0;
        while (reader.Read())
        {
            import.StartRow();
            for (var i = 0; i < columns.Count; i++)
            {
                if (reader.IsDBNull(i))
                {
                    import.WriteNull();
                    continue;
                }

                switch (columns[i].Type)
                {
                    case "bigint":
                        import.Write(reader.GetInt64(i), NpgsqlDbType.Bigint);
                        break;
                    case "integer":
                        import.Write(reader.GetInt32(i), NpgsqlDbType.Integer);
                        break;
                    case "smallint":
                        import.Write(reader.GetInt16(i), NpgsqlDbType.Smallint);
                        break;
                    case "boolean":
                        import.Write(reader.GetInt64(i) != 0, NpgsqlDbType.Boolean);
                        break;
                    case "double precision":
                        import.Write(reader.GetDouble(i), NpgsqlDbType.Double);
                        break;
                    case "real":
                        import.Write(reader.GetFloat(i), NpgsqlDbType.Real);
                        break;
                    case "numeric":
                        import.Write(reader.GetDecimal(i), NpgsqlDbType.Numeric);
                        break;
                    case "bytea":
                        import.Write((byte[])reader.GetValue(i), NpgsqlDbType.Bytea);
                        break;
                    case "text" or "character varying":
                        import.Write(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!, NpgsqlDbType.Text);
                        break;
                    default:
                        throw new NotSupportedException($"Copying {table}.{columns[i].Column}: PostgreSQL type {columns[i].Type} has no mapping here; add it.");
                }
            }

            rows++;
        }

        import.Complete();
        return rows;
    }
}
