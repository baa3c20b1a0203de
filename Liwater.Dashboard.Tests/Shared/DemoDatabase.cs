using Liwater.Data.Demo;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>A migrated database with the demo dataset, loaded once and shared by a test class (read-only use).</summary>
public sealed class DemoDatabase : IAsyncLifetime, IDisposable
{
    // On PostgreSQL the demo rows come with the cloned template; the load below then finds them and does nothing.
    private readonly TempDatabase database = new(demo: true);

    public Liwater.Data.Database.Db Db => database.Db;

    public async ValueTask InitializeAsync() => await DemoDataLoader.LoadIfEmptyAsync(database.Db);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => database.Dispose();
}
