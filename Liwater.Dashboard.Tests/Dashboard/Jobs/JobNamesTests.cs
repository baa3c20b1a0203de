using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Hangfire;
using Hangfire.Common;
using Liwater.Dashboard.Jobs;
using Liwater.Dashboard.Notifications;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

/// <summary>The jobs' names as Hangfire's own formatting words them for the dashboard, in the request's language.</summary>
public sealed class JobNamesTests
{
    public static TheoryData<string> JobMethods() =>
        [.. DisplayNamed().Select(m => $"{m.DeclaringType!.Name}.{m.Name}")];

    [Theory]
    [MemberData(nameof(JobMethods))]
    public void JobDisplayName_EveryJob_ComesFromJobNamesInBothLanguages(string method)
    {
        var attribute = DisplayNamed().Single(m => $"{m.DeclaringType!.Name}.{m.Name}" == method).GetCustomAttribute<JobDisplayNameAttribute>()!;

        Assert.Equal(typeof(JobNames), attribute.ResourceType);
        var zh = JobNames.ResourceManager.GetString(attribute.DisplayName, CultureInfo.GetCultureInfo("zh-CN"));
        var en = JobNames.ResourceManager.GetString(attribute.DisplayName, CultureInfo.GetCultureInfo("en"));
        Assert.False(string.IsNullOrEmpty(zh));
        Assert.False(string.IsNullOrEmpty(en));
        Assert.NotEqual(zh, en);
    }

    [Theory]
    [InlineData("zh-CN", "数据库备份", "物业评级 2026 年 4", "发送通知 42")]
    [InlineData("en", "Database backup", "Property ratings 2026, period 4", "Send notification 42")]
    public void Format_InCulture_HangfireWordsTheJobInThatLanguage(string culture, string backup, string ratings, string send)
    {
        using var scope = new CultureScope(culture);

        Assert.Equal(backup, Format<BackupJob>(j => j.RunAsync()));
        Assert.Equal(ratings, Format<PropertyRatingsJob>(j => j.RunAsync(2026, 4)));
        Assert.Equal(send, Format<NotificationDeliveryJob>(j => j.SendAsync(42)));
        Assert.Equal(culture == "en" ? "Deadline watchdog" : "时限监察", Format<DeadlineWatchdogJob>(j => j.RunAsync()));
    }

    /// <summary>What the dashboard shows for the job: the method's own attribute, formatted by Hangfire.</summary>
    private static string Format<T>(Expression<Func<T, Task>> call)
    {
        var job = Job.FromExpression(call);
        return job.Method.GetCustomAttribute<JobDisplayNameAttribute>()!.Format(null!, job);
    }

    private static IEnumerable<MethodInfo> DisplayNamed() =>
        typeof(JobNames).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<JobDisplayNameAttribute>() is not null)
            .OrderBy(m => m.DeclaringType!.Name, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal);
}
