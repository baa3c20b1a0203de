using System.Diagnostics;
using Liwater.Data.Database;
using Liwater.Data.Demo;
using Liwater.Data.Ratings;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>
/// Runs once before the app takes requests — configuration checks, migrations, demo data — as the first hosted
/// service, so it also runs under test hosts and before Hangfire or Kestrel start.
/// </summary>
public sealed class StartupTasks(
    IOptions<LiwaterOptions> options,
    IOptions<RatingOptions> ratingOptions,
    IConfiguration configuration,
    IHostEnvironment environment,
    Db db,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        CheckConfiguration();
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Refuses configuration that cannot work, or demo data and secrets outside Development.</summary>
    private void CheckConfiguration()
    {
        var errors = new List<string>(ratingOptions.Value.Validate());
        if (!environment.IsDevelopment() && options.Value.LoadDemoData)
        {
            errors.Add($"Liwater:LoadDemoData is true in the {environment.EnvironmentName} environment. Set it to false (Liwater__LoadDemoData=false); demo data is for Development only.");
        }

        errors.AddRange(DemoSecrets.FindOutsideDevelopment(configuration, environment));
        if (errors.Count > 0)
        {
            throw new StartupException(string.Join(Environment.NewLine, errors));
        }
    }
}
