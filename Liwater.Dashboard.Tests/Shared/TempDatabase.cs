using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// A fresh database with the real migrations applied, deleted when the test ends: a SQLite file, or on a PostgreSQL
/// run (<see cref="TestDatabases"/>) a database of its own cloned from the migrated template. With <c>demo</c> and a
/// <see cref="FakeTimeProvider"/>, the demo dataset comes placed at the fake clock's current instant, copied from a
/// template built once per instant (the load itself is what the demo loader's own tests measure).
/// </summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(TimeProvider? clock = null, IChangeSignal? signal = null, bool migrate = true, bool demo = false)
    {
        Folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DateTimeOffset? demoAt = demo && migrate && clock is FakeTimeProvider fake ? fake.GetUtcNow() : null;
        if (TestDatabases.IsPostgreSql)
        {
            ConnectionString = !migrate ? TestDatabases.CreateEmpty()
                : demoAt is { } at ? TestDatabases.CreateDemoAt(at)
                : TestDatabases.CreateMigrated(demo);
            Db = new Db(
                new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionString },
                signal ?? NoChangeSignal.Instance, clock ?? TimeProvider.System);
            return;
        }

        var path = Path.Combine(Folder, "liwater.db");
        if (demoAt is { } instant)
        {
            TestDatabases.CopyDemoAt(instant, path);
        }

        Db = new Db(new DatabaseOptions { Path = path }, signal ?? NoChangeSignal.Instance, clock ?? TimeProvider.System);
        if (migrate && demoAt is null)
        {
            SchemaMigrator.Migrate(Db);
        }
    }

    public string Folder { get; }

    /// <summary>Gets the PostgreSQL connection string of this database (null on SQLite).</summary>
    public string? ConnectionString { get; }

    public Db Db { get; }

    public void Dispose()
    {
        if (ConnectionString is not null)
        {
            TestDatabases.Drop(ConnectionString);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalising connection; the temp folder is cleaned by the OS eventually.
        }
    }
}
