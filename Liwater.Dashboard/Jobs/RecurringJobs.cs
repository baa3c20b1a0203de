using Hangfire;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// The one place where the recurring jobs are registered: their ids, cron expressions and time zone (the town's,
/// <c>Liwater:TimeZone</c>, Asia/Shanghai by default).
/// </summary>
public static class RecurringJobs
{
    public const string StatisticsSnapshot = "statistics-snapshot";
    public const string DeadlineWatchdog = "deadline-watchdog";
    public const string PropertyRatings = "property-ratings";
    public const string Backup = "database-backup";

    public const string EveryMinute = "* * * * *";

    /// <summary>02:30 every night: after the day's scores, before the morning.</summary>
    public const string RatingsCron = "30 2 * * *";

    /// <summary>03:00 every night, when the command centre is quietest.</summary>
    public const string BackupCron = "0 3 * * *";

    /// <param name="manager">Hangfire's recurring job manager.</param>
    /// <param name="zone">The town's time zone.</param>
    /// <param name="fileBackups">Whether the nightly file backup runs: on SQLite. A PostgreSQL server is backed up by
    /// its own tools (pg_dump, base backups and WAL archiving), not by the app.</param>
    public static void Register(IRecurringJobManager manager, TimeZoneInfo zone, bool fileBackups = true)
    {
        var options = new RecurringJobOptions { TimeZone = zone };
        manager.AddOrUpdate<StatisticsSnapshotJob>(StatisticsSnapshot, job => job.RunAsync(), EveryMinute, options);
        manager.AddOrUpdate<DeadlineWatchdogJob>(DeadlineWatchdog, job => job.RunAsync(), EveryMinute, options);
        manager.AddOrUpdate<PropertyRatingsJob>(PropertyRatings, job => job.PublishFinishedPeriodsAsync(), RatingsCron, options);
        if (fileBackups)
        {
            manager.AddOrUpdate<BackupJob>(Backup, job => job.RunAsync(), BackupCron, options);
        }
        else
        {
            manager.RemoveIfExists(Backup);
        }
    }
}
