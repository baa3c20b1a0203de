using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// The jobs' display names on the /jobs dashboard (Resources/Jobs/JobNames.tsv). A method carries
/// <c>[JobDisplayName(nameof(JobNames.X), ResourceType = typeof(JobNames))]</c>: Hangfire takes this type's static
/// <see cref="ResourceManager"/> and looks the display name up as a key in the request's UI culture, so the names follow
/// the culture cookie like every page. Without that property Hangfire would build a manager named after this type and
/// find no resources there. The properties exist for <c>nameof</c>, so a misspelt key fails the build.
/// </summary>
public static class JobNames
{
    /// <summary>Read by Hangfire (by name, through reflection) to word every job that names this type.</summary>
    public static ResourceManager ResourceManager { get; } = new("Liwater.Dashboard.Resources.Jobs.JobNames", typeof(JobNames).Assembly);

    public static string Backup => Text();

    public static string MonthlyReport => Text();

    public static string PeriodReport => Text();

    public static string PropertyRatings => Text();

    public static string PropertyRatingsFinished => Text();

    public static string StatisticsSnapshot => Text();

    public static string StatisticsSnapshotAfterChange => Text();

    public static string AggregateCheck => Text();

    public static string DeadlineWatchdog => Text();

    public static string NotificationSend => Text();

    public static string NotificationSweep => Text();

    public static string NotificationDigest => Text();

    private static string Text([CallerMemberName] string key = "") =>
        ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
