using System.Diagnostics;
using Liwater.Data.Database;
using Liwater.Data.Demo;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>
/// Runs once before the app takes requests — migrations, demo data — as the first hosted
/// service, so it also runs under test hosts and before Hangfire or Kestrel start. Settings are checked before it, by
/// the options validators (<see cref="OptionsValidation"/>).
/// </summary>
public sealed class StartupTasks(
    IOptions<LiwaterOptions> options,
    Db db,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var applied = SchemaMigrator.Migrate(db);
        logger.LogInformation("Database {Path}: {Count} migration(s) applied in {Ms} ms", db.FilePath, applied.Count, watch.ElapsedMilliseconds);

        if (options.Value.LoadDemoData)
        {
            watch.Restart();
            if (await DemoDataLoader.LoadIfEmptyAsync(db, cancellationToken))
            {
                logger.LogInformation("Demo dataset loaded into {Path} in {Ms} ms", db.FilePath, watch.ElapsedMilliseconds);
            }
        }
    }

    /// <summary>
    /// Stops last (the first hosted service): once every pooled connection is closed, a SQLite file whose log is gone
    /// is recorded as cleanly stopped, and the next start skips the full integrity check (<see cref="CleanStop"/>).
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        CleanStop.Record(db);
        return Task.CompletedTask;
    }
}
