using System.Data.Common;
using Liwater.Data.Changes;
using Microsoft.Data.Sqlite;

namespace Liwater.Data.Database;

/// <summary>
/// The one way into the main database: a fresh pooled connection per operation, and writes in one
/// <c>BEGIN IMMEDIATE</c> transaction after which the change signal is raised (so live screens learn of the commit).
/// </summary>
/// <remarks>
/// This is also the seam for another engine: a PostgreSQL deployment replaces the connection opening here and the
/// few SQLite-specific statements; callers only see <see cref="DbConnection"/> and <see cref="DbTransaction"/>.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The write gate is a SemaphoreSlim whose wait handle is never created; it needs no disposal and lives as long as the Db.")]
public sealed class Db
{
    private readonly string connectionString;
    private readonly int busyTimeoutMilliseconds;
    private readonly IChangeSignal changeSignal;

    // SQLite has one writer at a time. Queuing this process's writers here, asynchronously, replaces SQLite's busy
    // handler (which sleeps and retries, up to 100 ms a turn) with a fair queue: under many concurrent writes the
    // busy handler makes latency soar while the CPU idles. Other processes still meet the busy timeout.
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public Db(DatabaseOptions options, IChangeSignal changeSignal, TimeProvider clock)
    {
        FilePath = System.IO.Path.GetFullPath(options.Path);
        busyTimeoutMilliseconds = options.BusyTimeoutMilliseconds;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, busyTimeoutMilliseconds / 1000),
        }.ToString();
        this.changeSignal = changeSignal;
        Clock = clock;
    }

    /// <summary>Gets the absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Gets the clock every write stamps its rows with.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Gets the connection string (for tools such as the migrator and the backup job).</summary>
    public string ConnectionString => connectionString;

    /// <summary>Current UTC time as unix milliseconds, the one time format of the database.</summary>
    public long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
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
    /// Runs <paramref name="write"/> in one immediate transaction; commits; then raises the change signal.
    /// An exception rolls everything back, so nothing is ever saved half. Never call it from inside another write
    /// (use the transaction you were given): writes are queued one at a time.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken = default)
    {
        T result;
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
            result = await write(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            writeGate.Release();
        }

        changeSignal.Committed();
        return result;
    }

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async (c, t) => { await write(c, t); return true; }, cancellationToken);
}
