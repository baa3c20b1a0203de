using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Data.Sqlite;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// A fresh database with the real migrations applied, deleted when the test ends: a SQLite file, or on a PostgreSQL
/// run (<see cref="TestDatabases"/>) a database of its own cloned from the migrated template.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(TimeProvider? clock = null, IChangeSignal? signal = null, bool migrate = true, bool demo = false)
    {
        Folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        if (TestDatabases.IsPostgreSql)
        {
            ConnectionString = migrate ? TestDatabases.CreateMigrated(demo) : TestDatabases.CreateEmpty();
            Db = new Db(
                new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionString },
                signal ?? NoChangeSignal.Instance, clock ?? TimeProvider.System);
            return;
        }

        Db = new Db(new DatabaseOptions { Path = Path.Combine(Folder, "liwater.db") }, signal ?? NoChangeSignal.Instance, clock ?? TimeProvider.System);
        if (migrate)
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
