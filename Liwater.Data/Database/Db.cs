using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using Liwater.Data.Changes;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liwater.Data.Database;

/// <summary>
/// The one way into the main database: a fresh pooled connection per operation, and writes in one transaction after
/// which the change signal is raised (so live screens learn of the commit). The engine is SQLite (one file, the
/// default) or PostgreSQL (a server shared by several nodes), chosen by <see cref="DatabaseOptions.Provider"/>;
/// callers only see <see cref="DbConnection"/>, <see cref="DbTransaction"/> and, for the few statements that differ,
/// <see cref="SqlDialect"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The write slots' SemaphoreSlim never creates its wait handle; it holds nothing to dispose, and a Db lives as long as the process.")]
public sealed class Db
{
    // How often a PostgreSQL write that lost a serialization race (or a deadlock) is run again before giving up.
    // A queued writer can still lose to an optimistic one (SSI aborts one of two); it keeps its place and tries again, so
    // the limit counts the queued attempts generously (the cluster bench saw one create exhaust 12 at 250 creates/s).
    private const int MaxSerializationRetries = 24;

    // PostgreSQL writers first run optimistically, side by side. A write that collided this often is one of many on a
    // hot row (several writers changing one case, or an aggregate other than the case counts, decision 0125): it then
    // queues for one cluster-wide lock and runs when it is its turn, so the collisions end instead of repeating until
    // the retries run out (decision 0124).
    private const int OptimisticAttempts = 3;

    // pg_advisory_lock key of the contended writers' queue ("LIWWRITE" in ASCII).
    private const long ContendedWritersLockKey = 0x4C49575752495445;

    private readonly string connectionString;
    private readonly int busyTimeoutMilliseconds;
    private readonly IChangeSignal changeSignal;

    // SQLite has one writer at a time. This process's writes queue here and one writer loop commits them: whatever
    // has queued while the previous commit was syncing goes into the next transaction (group commit, decision 0161),
    // each write under its own savepoint, so N writes cost one fsync instead of N and a failing write is rolled back
    // alone. Callers are answered only after the commit is on disk (synchronous = FULL). The queue replaces SQLite's
    // busy handler (which sleeps and retries, up to 100 ms a turn) with a fair FIFO; other processes still meet the
    // busy timeout. PostgreSQL needs no queue: its writers run concurrently under SERIALIZABLE isolation, at most
    // DatabaseOptions.MaxConcurrentWrites of them at once in this process (writeSlots).
    private readonly Channel<PendingWrite> writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int maxWritesPerCommit;

    // PostgreSQL: the write transactions this node may run at once (DatabaseOptions.MaxConcurrentWrites).
    private readonly SemaphoreSlim? writeSlots;
    private int writerStarted;
    private long commits;
    private long committedWrites;

    public Db(DatabaseOptions options, IChangeSignal changeSignal, TimeProvider clock)
    {
        Provider = options.Provider;
        Dialect = Provider == DatabaseProvider.PostgreSql ? SqlDialect.PostgreSql : SqlDialect.Sqlite;
        busyTimeoutMilliseconds = options.BusyTimeoutMilliseconds;
        maxWritesPerCommit = Math.Max(1, options.MaxWritesPerCommit);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new DatabaseStartupException(
                    "Liwater:Database:Provider is PostgreSql but Liwater:Database:ConnectionString is empty. Set it to the " +
                    "server's Npgsql connection string, e.g. Host=127.0.0.1;Port=5432;Username=liwater;Password=…;Database=liwater.");
            }

            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            builder.CommandTimeout = Math.Max(builder.CommandTimeout, Math.Max(1, busyTimeoutMilliseconds / 1000));
            var given = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
            if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            {
                // Every statement of the data layer is one of a few hundred constant texts: prepared once per pooled
                // connection, the server stops parsing and planning them on every call (a third of its CPU per case
                // create). A connection string that sets Max Auto Prepare keeps its own value.
                builder.MaxAutoPrepare = 256;
                builder.AutoPrepareMinUsages = 2;
            }

            writeSlots = new SemaphoreSlim(options.MaxConcurrentWrites ?? Math.Max(4, 2 * Environment.ProcessorCount));
            connectionString = builder.ConnectionString;
            FilePath = "";
            Name = $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
        }
        else
        {
            FilePath = System.IO.Path.GetFullPath(options.Path);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = FilePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                ForeignKeys = true,
                DefaultTimeout = Math.Max(1, busyTimeoutMilliseconds / 1000),
            }.ToString();
            Name = FilePath;
        }

        this.changeSignal = changeSignal;
        Clock = clock;
    }

    /// <summary>Gets the engine.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>Gets the few SQL fragments that differ between the engines.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Gets the absolute path of the SQLite file (empty on PostgreSQL).</summary>
    public string FilePath { get; }

    /// <summary>Gets how messages name the database: the SQLite file's path, or the PostgreSQL database and server.</summary>
    public string Name { get; }

    /// <summary>Gets the clock every write stamps its rows with.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Gets the connection string (for tools such as the migrator and the backup job).</summary>
    public string ConnectionString => connectionString;

    /// <summary>Current UTC time as unix milliseconds, the one time format of the database.</summary>
    public long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Gets how many SQLite transactions the writer has committed, and how many writes they carried (the
    /// ratio is the group-commit factor; for tests and the benchmark).</summary>
    public (long Commits, long Writes) CommitCounts => (Interlocked.Read(ref commits), Interlocked.Read(ref committedWrites));

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            var server = new NpgsqlConnection(connectionString);
            await server.OpenAsync(cancellationToken);
            return server;
        }

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        // WAL persists in the file; busy_timeout, foreign_keys and synchronous are per connection. synchronous = FULL
        // syncs the WAL at every commit: a write acknowledged to a user is on disk and survives a power cut (NORMAL
        // only survives a crash of the process; the last commits could vanish with the power). See decision 0112.
        pragma.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await read(connection);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction; commits; then raises the change signal. An exception rolls
    /// everything back, so nothing is ever saved half. Never call it from inside another write (use the transaction you
    /// were given). On SQLite writes queue for the one writer, which commits what has queued together (<c>BEGIN
    /// IMMEDIATE</c>, one savepoint per write, one commit; a write that fails is rolled back to its savepoint alone,
    /// and if the shared commit fails each write is run again alone); on PostgreSQL they run concurrently under
    /// SERIALIZABLE isolation, so the outcome is that of some serial order, and a write that lost a race is rolled
    /// back and run again from the start. Either way <paramref name="write"/> must keep its effects inside the
    /// transaction (it may run more than once), and its caller hears back only after the commit is on disk.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken = default)
    {
        var result = Provider == DatabaseProvider.PostgreSql
            ? await WriteSerializableAsync(write, cancellationToken)
            : await WriteImmediateAsync(write, cancellationToken);
        changeSignal.Committed();
        return result;
    }

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async (c, t) => { await write(c, t); return true; }, cancellationToken);

    private async Task<T> WriteImmediateAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref writerStarted, 1) == 0)
        {
            _ = Task.Run(WriterLoopAsync, CancellationToken.None);
        }

        var pending = new PendingWrite(async (c, t) => await write(c, t), cancellationToken);
        writes.Writer.TryWrite(pending);
        // Not cancelled while queued or running: the caller learns the outcome, which is on disk once it has it.
        return (T)(await pending.Done.Task)!;
    }

    private async Task WriterLoopAsync()
    {
        var batch = new List<PendingWrite>(maxWritesPerCommit);
        while (await writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxWritesPerCommit && writes.Reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.CancellationToken);
                }
                else
                {
                    batch.Add(next);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
    }

    /// <summary>Runs the batch in one transaction and answers every caller after the commit. When the transaction
    /// itself fails (the commit, a savepoint) nothing of it was saved: each write is then run again alone.</summary>
    private async Task CommitAsync(List<PendingWrite> batch)
    {
        object?[] results;
        Exception?[] errors;
        try
        {
            (results, errors) = await RunInOneTransactionAsync(batch);
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var write in batch)
            {
                await CommitAsync([write]);
            }

            return;
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error)
            {
                batch[i].Done.TrySetException(error);
            }
            else
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
    }

    private async Task<(object?[] Results, Exception?[] Errors)> RunInOneTransactionAsync(List<PendingWrite> batch)
    {
        var results = new object?[batch.Count];
        var errors = new Exception?[batch.Count];
        await using var connection = await OpenAsync();
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        if (batch.Count == 1)
        {
            // Alone: the write's exception rolls the transaction back and reaches its caller (CommitAsync).
            results[0] = await batch[0].Write(connection, transaction);
        }
        else
        {
            for (var i = 0; i < batch.Count; i++)
            {
                await transaction.SaveAsync("w");
                try
                {
                    results[i] = await batch[i].Write(connection, transaction);
                    await transaction.ReleaseAsync("w");
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    errors[i] = e;
                    await transaction.RollbackAsync("w");
                    await transaction.ReleaseAsync("w");
                }
            }
        }

        var saved = errors.Count(e => e is null);
        if (saved > 0)
        {
            await transaction.CommitAsync();
            Interlocked.Increment(ref commits);
            Interlocked.Add(ref committedWrites, saved);
        }

        return (results, errors);
    }

    private async Task<T> WriteSerializableAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptSerializableAsync(write, queued: attempt > OptimisticAttempts, cancellationToken);
            }
            catch (Exception e) when (attempt < MaxSerializationRetries && IsRetryable(e))
            {
                // Back off a little, randomly, so the writers that collided do not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }

    private async Task<T> AttemptSerializableAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, bool queued, CancellationToken cancellationToken)
    {
        await writeSlots!.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            if (queued)
            {
                // Taken before the transaction starts, so that its snapshot comes after the previous holder's commit.
                await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = ContendedWritersLockKey });
            }

            try
            {
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                var result = await write(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            finally
            {
                if (queued)
                {
                    // A broken connection ends its session, and the server releases the lock with it.
                    await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = ContendedWritersLockKey });
                }
            }
        }
        finally
        {
            writeSlots.Release();
        }
    }

    // 40001 serialization_failure, 40P01 deadlock_detected: the transaction was rolled back whole and may run again.
    private static bool IsRetryable(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        _ when e.InnerException is not null => IsRetryable(e.InnerException),
        _ => false,
    };

    /// <summary>A write waiting for the SQLite writer, and how its caller learns the outcome.</summary>
    private sealed class PendingWrite(Func<DbConnection, DbTransaction, Task<object?>> write, CancellationToken cancellationToken)
    {
        public Func<DbConnection, DbTransaction, Task<object?>> Write { get; } = write;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
