using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Liwater.Bench.Harness;
using Microsoft.Data.Sqlite;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// The writes baseline of scenario 3: the same rows (half new cases with their change-log row, half follow-ups: an
/// event, a version bump and a change-log row) inserted with plain ADO.NET, one transaction each, at Liwater's
/// durability (WAL, synchronous = FULL) on the same disk (a copy of the demo database under bench/out/runs), by the
/// same open loop: the same target rates and step length, at most 128 in flight. No HTTP, no app.
/// </summary>
internal static class PlainWrites
{
    public static async Task<Dictionary<int, (double Rate, List<double> Latencies)>> RunAsync(Paths paths, IReadOnlyList<long> compounds, IReadOnlyList<int> rates, TimeSpan step)
    {
        var folder = Path.Combine(paths.Out, "runs", "plain-writes");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "liwater.db");
        AppProcess.CopyDatabase(paths.DemoDb, file);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();
        var communities = new Dictionary<long, long>();
        using (var connection = Open(connectionString))
        {
            connection.Execute("PRAGMA journal_mode = WAL");
            foreach (var (id, community) in connection.Query<(long, long)>("SELECT id, community_id FROM compounds"))
            {
                communities[id] = community;
            }
        }

        var open = new ConcurrentQueue<long>();
        var results = new Dictionary<int, (double, List<double>)>();
        var serial = 0;
        foreach (var rate in rates)
        {
            var latencies = new ConcurrentBag<double>();
            var seconds = await OpenLoop.PaceAsync(rate, step, _ => Task.Run(() =>
            {
                var n = Interlocked.Increment(ref serial);
                var compound = compounds[n % compounds.Count];
                var started = Stopwatch.GetTimestamp();
                using var connection = Open(connectionString);
                using var transaction = connection.BeginTransaction();
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                if (n % 2 == 0 || !open.TryDequeue(out var caseId))
                {
                    caseId = connection.ExecuteScalar<long>(
                        """
                        INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, level, status,
                                           opened_at, level_entered_at, due_at, updated_at)
                        VALUES (@code, @community, @compound, 'public_facilities', @title, '基准测试：小区东门路灯不亮。', 'hotline', 'compound', 'open',
                                @now, @now, @due, @now)
                        RETURNING id
                        """,
                        new { code = $"P-{n:0000000}", community = communities[compound], compound, title = $"基线写入 #{n}", now, due = now + 300_000 }, transaction);
                    connection.Execute("INSERT INTO change_log (at, kind, entity, entity_id, community_id, summary) VALUES (@now, 'case.opened', 'case', @caseId, @community, @title)",
                        new { now, caseId, community = communities[compound], title = $"基线写入 #{n}" }, transaction);
                }
                else
                {
                    connection.Execute("INSERT INTO case_events (case_id, kind, at, actor, body) VALUES (@caseId, 'follow_up', @now, 'admin', '基准测试：已电话回访。')", new { caseId, now }, transaction);
                    connection.Execute("UPDATE cases SET version = version + 1, updated_at = @now WHERE id = @caseId", new { caseId, now }, transaction);
                    connection.Execute("INSERT INTO change_log (at, kind, entity, entity_id, community_id) VALUES (@now, 'case.followed_up', 'case', @caseId, NULL)", new { now, caseId }, transaction);
                }

                transaction.Commit();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                open.Enqueue(caseId);
            }));

            results[rate] = (latencies.Count / seconds, latencies.ToList());
        }

        SqliteConnection.ClearAllPools();
        return results;
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        connection.Execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }
}
