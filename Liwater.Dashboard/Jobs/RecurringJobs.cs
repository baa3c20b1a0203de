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
    public const string MonthlyReport = "monthly-report";
    public const string NotificationSweep = "notification-sweep";
    public const string NotificationDigest = "notification-digest";
    public const string AggregateCheck = "aggregate-check";

    public const string EveryMinute = "* * * * *";

    /// <summary>02:30 every night: after the day's scores, before the morning.</summary>
    public const string RatingsCron = "30 2 * * *";

    /// <summary>03:00 every night, when the command centre is quietest.</summary>
    public const string BackupCron = "0 3 * * *";

    /// <summary>03:30 every night, after the backup: the recount of the aggregates reads every case and activity.</summary>
    public const string AggregateCheckCron = "30 3 * * *";

    /// <summary>06:00 on the 1st: last month's report is ready when the office opens (Liwater:Reports:MonthlyReportCron).</summary>
    public const string MonthlyReportCron = "0 6 1 * *";

    /// <summary>08:00 every day: the daily notification digest (Liwater:Notifications:DigestCron).</summary>
    public const string DigestCron = "0 8 * * *";

    public static void Register(IRecurringJobManager manager, TimeZoneInfo zone, string monthlyReportCron = MonthlyReportCron, string digestCron = DigestCron)
    {
        var options = new RecurringJobOptions { TimeZone = zone };
        manager.AddOrUpdate<StatisticsSnapshotJob>(StatisticsSnapshot, job => job.RunAsync(), EveryMinute, options);
        manager.AddOrUpdate<DeadlineWatchdogJob>(DeadlineWatchdog, job => job.RunAsync(), EveryMinute, options);
        manager.AddOrUpdate<PropertyRatingsJob>(PropertyRatings, job => job.PublishFinishedPeriodsAsync(), RatingsCron, options);
        manager.AddOrUpdate<BackupJob>(Backup, job => job.RunAsync(), BackupCron, options);
        manager.AddOrUpdate<MonthlyReportJob>(MonthlyReport, job => job.RunAsync(), monthlyReportCron, options);
        manager.AddOrUpdate<Notifications.NotificationDeliveryJob>(NotificationSweep, job => job.SweepAsync(), EveryMinute, options);
        manager.AddOrUpdate<Notifications.NotificationDeliveryJob>(NotificationDigest, job => job.DigestAsync(), digestCron, options);
        manager.AddOrUpdate<AggregateCheckJob>(AggregateCheck, job => job.RunAsync(), AggregateCheckCron, options);
    }
}
