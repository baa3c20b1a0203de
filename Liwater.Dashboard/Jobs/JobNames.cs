using System.Resources;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// The jobs' display names on the /jobs dashboard (Resources/Jobs/JobNames.tsv). A method carries
/// <c>[JobDisplayName(nameof(JobNames.X), ResourceType = typeof(JobNames))]</c>: Hangfire takes this type's static
/// <see cref="ResourceManager"/> and looks the display name up as a key in the request's UI culture, so the names follow
/// the culture cookie like every page. Without that property Hangfire would build a manager named after this type and
/// find no resources there. The keys are constants named by themselves, so a misspelt key fails the build.
/// </summary>
public static class JobNames
{
    public const string Backup = nameof(Backup);

    public const string MonthlyReport = nameof(MonthlyReport);

    public const string PeriodReport = nameof(PeriodReport);

    public const string PropertyRatings = nameof(PropertyRatings);

    public const string PropertyRatingsFinished = nameof(PropertyRatingsFinished);

    public const string StatisticsSnapshot = nameof(StatisticsSnapshot);

    public const string StatisticsSnapshotAfterChange = nameof(StatisticsSnapshotAfterChange);

    public const string AggregateCheck = nameof(AggregateCheck);

    public const string DeadlineWatchdog = nameof(DeadlineWatchdog);

    public const string NotificationSend = nameof(NotificationSend);

    public const string NotificationSweep = nameof(NotificationSweep);

    public const string NotificationDigest = nameof(NotificationDigest);

    /// <summary>Read by Hangfire (by name, through reflection) to word every job that names this type.</summary>
    public static ResourceManager ResourceManager { get; } = new("Liwater.Dashboard.Resources.Jobs.JobNames", typeof(JobNames).Assembly);
}
