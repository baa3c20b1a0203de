using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Data.Sqlite;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>A fresh SQLite file with the real migrations applied, deleted when the test ends.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(TimeProvider? clock = null, IChangeSignal? signal = null, bool migrate = true)
    {
        Folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Db = new Db(new DatabaseOptions { Path = Path.Combine(Folder, "liwater.db") }, signal ?? NoChangeSignal.Instance, clock ?? TimeProvider.System);
        if (migrate)
        {
            SchemaMigrator.Migrate(Db);
        }
    }

    public string Folder { get; }

    public Db Db { get; }

    public void Dispose()
    {
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
