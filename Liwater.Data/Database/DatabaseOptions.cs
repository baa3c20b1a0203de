namespace Liwater.Data.Database;

/// <summary>The database engines Liwater runs on (see docs/decisions/0120).</summary>
public enum DatabaseProvider
{
    /// <summary>One embedded file: a town on one machine. The default.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server shared by several app nodes: a city, or a command centre that must not go dark.</summary>
    PostgreSql = 1,
}

/// <summary>Where the main database lives and how connections to it behave.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Gets or sets the engine. Defaults to <see cref="DatabaseProvider.Sqlite"/>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Gets or sets the path of the SQLite file. Defaults to <c>data/liwater.db</c> under the content root.</summary>
    public string Path { get; set; } = "data/liwater.db";

    /// <summary>
    /// Gets or sets the Npgsql connection string when <see cref="Provider"/> is PostgreSql, e.g.
    /// <c>Host=127.0.0.1;Port=5432;Username=liwater;Password=…;Database=liwater</c>. Unused for SQLite.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets how long a writer waits for the lock before failing. Defaults to 5 seconds.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>
    /// Gets or sets how many queued writes SQLite may commit together in one transaction, each under its own
    /// savepoint (group commit: one WAL sync for all of them; decision 0161). 1 commits every write alone.
    /// Defaults to 64. Unused for PostgreSQL.
    /// </summary>
    public int MaxWritesPerCommit { get; set; } = 64;

    /// <summary>
    /// Gets or sets how many PostgreSQL write transactions this node runs at once; more wait in the process, in
    /// order (decision 0125). SERIALIZABLE transactions that overlap track each other's reads: with hundreds at once
    /// the server runs out of room to record them and fails writes, and even below that limit each extra one costs
    /// more than it adds. Defaults to twice the node's processors, at least 4. Unused for SQLite (one writer).
    /// </summary>
    public int? MaxConcurrentWrites { get; set; }
}
