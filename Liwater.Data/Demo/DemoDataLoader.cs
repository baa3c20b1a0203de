using Liwater.Data.Database;

namespace Liwater.Data.Demo;

// Placeholder replaced by the demo-data branch; kept so that main builds in the meantime.
public static class DemoDataLoader
{
    public static Task<bool> LoadIfEmptyAsync(Db db, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
