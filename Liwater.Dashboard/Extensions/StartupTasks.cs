using System.Diagnostics;
using Liwater.Data.Database;
using Liwater.Data.Demo;
using Liwater.Data.Ratings;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>What runs once before the app takes requests: checks, migrations, demo data.</summary>
public static class StartupTasks
{
    /// <summary>Refuses configuration that cannot work or that is unsafe in production.</summary>
    public static void CheckConfiguration(this WebApplication app)
    {
        var errors = new List<string>(app.Services.GetRequiredService<IOptions<RatingOptions>>().Value.Validate());
        var options = app.Services.GetRequiredService<IOptions<LiwaterOptions>>().Value;
        if (app.Environment.IsProduction() && options.LoadDemoData)
        {
            errors.Add("Liwater:LoadDemoData is true in production. Set it to false (demo data is for trials only).");
        }

        errors.AddRange(DemoSecrets.FindInProduction(app.Configuration, app.Environment));
        if (errors.Count > 0)
        {
            throw new StartupException(string.Join(Environment.NewLine, errors));
        }
    }

    /// <summary>Applies migrations and, when configured, loads the demo dataset into an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<Db>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Liwater.Startup");
        var watch = Stopwatch.StartNew();
        var applied = SchemaMigrator.Migrate(db);
        logger.LogInformation("Database {Path}: {Count} migration(s) applied in {Ms} ms", db.FilePath, applied.Count, watch.ElapsedMilliseconds);

        if (app.Services.GetRequiredService<IOptions<LiwaterOptions>>().Value.LoadDemoData)
        {
            watch.Restart();
            if (await DemoDataLoader.LoadIfEmptyAsync(db))
            {
                logger.LogInformation("Demo dataset loaded into {Path} in {Ms} ms", db.FilePath, watch.ElapsedMilliseconds);
            }
        }
    }
}
