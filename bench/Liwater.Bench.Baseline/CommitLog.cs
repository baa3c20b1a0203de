using Microsoft.Data.Sqlite;

namespace Liwater.Bench.Baseline;

/// <summary>One SQLite table written one row per commit at Liwater's durability; tells listeners the new count.</summary>
public sealed class CommitLog : IDisposable
{
    private readonly string connectionString;
    private readonly SemaphoreSlim gate = new(1, 1);
    private long count;

    public CommitLog(string path)
    {
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var connection = Open();
        using var setup = connection.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS changes (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);";
        setup.ExecuteNonQuery();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM changes";
        count = (long)command.ExecuteScalar()!;
    }

    /// <summary>Called with the new count after each commit.</summary>
    public event Action<long>? Changed;

    public long Count => Interlocked.Read(ref count);

    public async Task<Change> CommitAsync()
    {
        await gate.WaitAsync();
        try
        {
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO changes (at) VALUES ($at) RETURNING id";
            command.Parameters.AddWithValue("$at", at);
            var id = (long)command.ExecuteScalar()!;
            transaction.Commit();
            Changed?.Invoke(Interlocked.Increment(ref count));
            return new Change(id, at, "case.opened");
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}

/// <summary>The message every hub client receives: the fields of Liwater's ChangeEntry the harness reads.</summary>
public sealed record Change(long Id, long At, string Kind);
