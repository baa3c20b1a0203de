using System.Data;
using System.Data.Common;
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
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The write gate is a SemaphoreSlim whose wait handle is never created; it needs no disposal and lives as long as the Db.")]
public sealed class Db
{
    // How often a PostgreSQL write that lost a serialization race (or a deadlock) is run again before giving up.
    private const int MaxSerializationRetries = 12;

    private readonly string connectionString;
    private readonly int busyTimeoutMilliseconds;
    private readonly IChangeSignal changeSignal;

    // SQLite has one writer at a time. Queuing this process's writers here, asynchronously, replaces SQLite's busy
    // handler (which sleeps and retries, up to 100 ms a turn) with a fair queue: under many concurrent writes the
    // busy handler makes latency soar while the CPU idles. Other processes still meet the busy timeout.
    // PostgreSQL needs no gate: its writers run concurrently under SERIALIZABLE isolation.
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public Db(DatabaseOptions options, IChangeSignal changeSignal, TimeProvider clock)
    {
        Provider = options.Provider;
        Dialect = Provider == DatabaseProvider.PostgreSql ? SqlDialect.PostgreSql : SqlDialect.Sqlite;
        busyTimeoutMilliseconds = options.BusyTimeoutMilliseconds;
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
    /// were given). On SQLite writes are queued one at a time (<c>BEGIN IMMEDIATE</c>); on PostgreSQL they run
    /// concurrently under SERIALIZABLE isolation, so the outcome is that of some serial order, and a write that lost a
    /// race is rolled back and run again from the start: <paramref name="write"/> must keep its effects inside the
    /// transaction (it may run more than once).
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
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
            var result = await write(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            writeGate.Release();
        }
    }

    private async Task<T> WriteSerializableAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                var result = await write(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception e) when (attempt < MaxSerializationRetries && IsRetryable(e))
            {
                // Back off a little, randomly, so the writers that collided do not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }

    // 40001 serialization_failure, 40P01 deadlock_detected: the transaction was rolled back whole and may run again.
    private static bool IsRetryable(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        _ when e.InnerException is not null => IsRetryable(e.InnerException),
        _ => false,
    };
}
