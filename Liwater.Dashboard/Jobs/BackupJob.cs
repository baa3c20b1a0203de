using Hangfire;
using Liwater.Dashboard.Extensions;
using Liwater.Data.Database;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Jobs;

/// <summary>Nightly online backup of the main database into <c>Liwater:Backup:Folder</c>, one file per local day.</summary>
public sealed class BackupJob(Db db, TownClock town, IOptionsMonitor<BackupOptions> options, IOptions<LiwaterOptions> root, ILogger<BackupJob> logger)
{
    /// <summary>Gets the absolute backup folder.</summary>
    public string Folder => root.Value.ResolvePath(options.CurrentValue.Folder);

    /// <summary>Backs up today's database unless today's backup exists; prunes old ones.</summary>
    [JobDisplayName(nameof(JobNames.Backup), ResourceType = typeof(JobNames))]
    public Task<BackupResult> RunAsync()
    {
        var result = Backup.Create(db, Folder, town.Today, options.CurrentValue.KeepDays);
        logger.LogInformation(
            "Backup {Path}: {Outcome}; {Deleted} old backup(s) deleted",
            result.Path, result.Created ? "written" : "already there", result.Deleted.Count);
        return Task.FromResult(result);
    }
}
