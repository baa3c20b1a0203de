using System.Diagnostics;
using System.Globalization;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Statistics;
using Microsoft.Data.Sqlite;

namespace Liwater.Bench;

/// <summary>
/// Generates a city-scale Liwater database: the real migrations, then bulk inserts in one transaction per table with
/// prepared commands (journal off while generating). Rows are synthetic and deterministic (fixed seed); cases and
/// activities are spread over the last three years up to now, so "today" and "this month" have realistic volumes.
/// </summary>
internal static class Generator
{
    private const long Minute = 60_000;
    private const long Day = 24 * 60 * Minute;
    private const int SpreadDays = 3 * 365;
    private static readonly string[] Levels = ["compound", "community", "town"];
    private static readonly string[] ActivityKinds = ["service", "patrol", "cleanup", "practical_thing", "deliberation", "other"];

    public static void Run(BenchOptions options)
    {
        var total = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(options.DbPath)!);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(options.DbPath + suffix);
        }

        SchemaMigrator.Migrate(new Db(new DatabaseOptions { Path = options.DbPath }, NoChangeSignal.Instance, TimeProvider.System));
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"Generating {options.Compounds:N0} compounds, {options.Households:N0} households, {options.Cases:N0} cases, {options.Activities:N0} activities into {options.DbPath}");

        using var connection = new SqliteConnection($"Data Source={options.DbPath};Pooling=False");
        connection.Open();
        Exec(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY;");
        var random = new Random(20211231);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        // Bulk loading is faster into bare tables: drop the secondary indexes and the aggregate triggers (migrations
        // 0022 and 0024), then rebuild each index with one sort and count the aggregates once (AggregateCheck.RebuildAsync).
        var indexes = DropIndexesAndTriggers(connection, "buildings", "households", "cases", "volunteer_activities", "household_contacts",
            "compounds", "party_orgs", "party_org_compounds", "contact_groups", "contact_group_members");
        var communities = Math.Max(1, options.Compounds / 20);
        Step("territory", () =>
        {
            using var tx = connection.BeginTransaction();
            using var community = Prepare(connection, tx, "INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (@p0, @p1, @p2, @p3, @p0)", 4);
            using var committee = Prepare(connection, tx, "INSERT INTO party_orgs (id, kind, name, community_id) VALUES (@p0, 'community_committee', @p1, @p0)", 2);
            for (var c = 1; c <= communities; c++)
            {
                community.Run(c, $"C{c:0000}", $"社区{c}", $"Community {c}");
                committee.Run(c, $"社区{c}党委");
            }

            using var compound = Prepare(connection, tx, "INSERT INTO compounds (id, community_id, name) VALUES (@p0, @p1, @p2)", 3);
            using var branch = Prepare(connection, tx, "INSERT INTO party_orgs (kind, name, community_id, compound_id) VALUES ('compound_branch', @p0, @p1, @p2)", 3);
            using var branchCovers = Prepare(connection, tx, "INSERT INTO party_org_compounds (party_org_id, compound_id) VALUES (last_insert_rowid(), @p0)", 1);
            using var team = Prepare(connection, tx, "INSERT INTO volunteer_teams (id, compound_id, kind, name) VALUES (@p0, @p1, @p2, @p3)", 4);
            using var station = Prepare(connection, tx, "INSERT INTO service_stations (compound_id, name) VALUES (@p0, @p1)", 2);
            for (var k = 1; k <= options.Compounds; k++)
            {
                var communityId = ((k - 1) % communities) + 1;
                compound.Run(k, communityId, $"小区{k}");
                if (k % 5 != 0)
                {
                    branch.Run($"小区{k}党支部", communityId, k);
                    branchCovers.Run(k);
                }

                for (var t = 0; t < 3; t++)
                {
                    team.Run(((k - 1) * 3) + t + 1, k, t == 0 ? "party_mass_service" : t == 1 ? "building" : "building_deliberation", $"小区{k}队伍{t}");
                }

                if (k % 4 == 0)
                {
                    station.Run(k, $"小区{k}党群服务站");
                }
            }

            tx.Commit();
        });

        var buildingsPerCompound = 20;
        var buildings = options.Compounds * buildingsPerCompound;
        Step("buildings and households", () =>
        {
            using var tx = connection.BeginTransaction();
            using var building = Prepare(connection, tx, "INSERT INTO buildings (id, compound_id, name) VALUES (@p0, @p1, @p2)", 3);
            using var group = Prepare(connection, tx, "INSERT INTO contact_groups (id, party_org_id, building_id, name) VALUES (@p0, @p1, @p0, @p2)", 3);
            using var member = Prepare(connection, tx, "INSERT INTO contact_group_members (group_id, name, role) VALUES (@p0, @p1, 'building_leader')", 2);
            for (var b = 1; b <= buildings; b++)
            {
                var compoundId = ((b - 1) / buildingsPerCompound) + 1;
                building.Run(b, compoundId, $"{((b - 1) % buildingsPerCompound) + 1}栋");
                if (compoundId % 3 == 0)
                {
                    group.Run(b, ((compoundId - 1) % communities) + 1, $"{b}栋户联系党小组");
                    member.Run(b, $"楼长{b}");
                }
            }

            using var household = Prepare(connection, tx, "INSERT INTO households (id, building_id, unit_no, residents) VALUES (@p0, @p1, @p2, @p3)", 4);
            using var contact = Prepare(connection, tx, "INSERT INTO household_contacts (household_id, group_id, contacted_on) VALUES (@p0, @p1, '2025-06-01')", 2);
            var perBuilding = Math.Max(1, options.Households / buildings);
            for (var h = 1; h <= options.Households; h++)
            {
                var buildingId = Math.Min(buildings, ((h - 1) / perBuilding) + 1);
                household.Run(h, buildingId, ((h - 1) % perBuilding).ToString("0000", CultureInfo.InvariantCulture), random.Next(1, 6));
                var compoundId = ((buildingId - 1) / buildingsPerCompound) + 1;
                if (compoundId % 3 == 0 && h % 3 == 0)
                {
                    contact.Run(h, buildingId);
                }
            }

            tx.Commit();
        });

        Step("cases", () =>
        {
            using var tx = connection.BeginTransaction();
            using var insert = Prepare(
                connection, tx,
                """
                INSERT INTO cases (id, code, community_id, compound_id, category, title, description, source_channel, level, status,
                    opened_at, level_entered_at, replied_at, resolved_at, closed_at, due_at, updated_at)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, '', 'phone', @p6, @p7, @p8, @p8, @p9, @p10, @p11, @p12, @p13)
                """,
                14);
            for (var id = 1; id <= options.Cases; id++)
            {
                var compoundId = random.Next(1, options.Compounds + 1);
                var communityId = ((compoundId - 1) % communities) + 1;
                var opened = now - (long)(random.NextDouble() * SpreadDays * Day);
                var level = Levels[random.Next(10) switch { < 6 => 0, < 9 => 1, _ => 2 }];
                var roll = random.Next(100);
                // Recent cases are more likely still open: 3% of all cases are open or in progress, mostly the last month's.
                var recent = now - opened < 30 * Day;
                var status = recent && roll < 40 ? (roll < 15 ? "open" : "in_progress") : roll < 1 ? "cancelled" : roll < 6 ? "resolved" : "closed";
                var done = status is "resolved" or "closed";
                long? resolved = done ? Math.Min(now, opened + (long)(random.NextDouble() * 10 * Day)) : null;
                long? closed = status == "closed" ? resolved + Day : null;
                long? due = status is "open" or "in_progress" ? opened + (level == "compound" ? 3 : level == "community" ? 7 : 15) * Day : null;
                insert.Run(id, $"B-{id:0000000}", communityId, compoundId, "environment", $"事项{id}", level, status, opened, opened + (10 * Minute), resolved, closed, due, resolved ?? opened);
            }

            tx.Commit();
        });

        Step("volunteer activities", () =>
        {
            using var tx = connection.BeginTransaction();
            using var insert = Prepare(
                connection, tx,
                "INSERT INTO volunteer_activities (team_id, compound_id, occurred_on, hours, people, kind, title, created_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)",
                8);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(now), zone).DateTime);
            var days = Enumerable.Range(0, SpreadDays).Select(d => TownClock.Iso(today.AddDays(-d))).ToArray();
            for (var i = 0; i < options.Activities; i++)
            {
                var compoundId = random.Next(1, options.Compounds + 1);
                var day = random.Next(SpreadDays);
                insert.Run(((compoundId - 1) * 3) + 1, compoundId, days[day], (random.Next(1, 9) * 0.5), random.Next(1, 12),
                    ActivityKinds[random.Next(ActivityKinds.Length)], "志愿服务", now - (day * Day));
            }

            tx.Commit();
        });

        Step($"rebuild {indexes.Count} indexes and triggers", () =>
        {
            foreach (var sql in indexes)
            {
                Exec(connection, sql);
            }
        });
        Step("count the aggregates", () => AggregateCheck.RebuildAsync(connection, null).GetAwaiter().GetResult());
        Step("analyze and WAL", () => Exec(connection, "ANALYZE; PRAGMA journal_mode = WAL;"));
        Console.WriteLine($"Generated in {total.Elapsed.TotalSeconds:F1} s; file {new FileInfo(options.DbPath).Length / 1024 / 1024:N0} MB");
    }

    private static List<string> DropIndexesAndTriggers(SqliteConnection connection, params string[] tables)
    {
        var definitions = new List<(string Type, string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (type, name, _) in definitions)
        {
            Exec(connection, $"DROP {type.ToUpperInvariant()} {name}");
        }

        return definitions.Select(d => d.Sql).ToList();
    }

    private static void Step(string name, Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        Console.WriteLine($"  {name}: {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Insert Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter($"@p{i}", null));
        }

        command.Prepare();
        return new Insert(command);
    }

    /// <summary>A prepared insert whose parameters are rebound for each row.</summary>
    private sealed class Insert(SqliteCommand command) : IDisposable
    {
        public void Run(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();
    }
}
