using Hangfire;
using Liwater.Data.Database;
using Liwater.Data.Reports;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Prepares last month's town report on the 1st (06:00 town time by default) and announces it on the change log, so
/// the wall's ticker shows it and the office finds it at /reports. Idempotent: a second run for a month finds the
/// announcement and changes nothing (Hangfire is at-least-once).
/// </summary>
public sealed class MonthlyReportJob(ReportCommands reports, TownClock town, ILogger<MonthlyReportJob> logger)
{
    /// <summary>The recurring entry: the month before today (in the town's calendar).</summary>
    [JobDisplayName(nameof(JobNames.MonthlyReport), ResourceType = typeof(JobNames))]
    public Task<bool> RunAsync() => PublishAsync(ReportPeriod.MonthBefore(town.Today).Code);

    /// <summary>Prepares and announces one period on demand (2026-11 or 2026-Q4).</summary>
    [JobDisplayName(nameof(JobNames.PeriodReport), ResourceType = typeof(JobNames))]
    public async Task<bool> PublishAsync(string periodCode)
    {
        var period = ReportPeriod.TryParse(periodCode) ?? throw new ArgumentException($"Not a report period: {periodCode}", nameof(periodCode));
        if (period.Last >= town.Today)
        {
            // Announcing a period that is still running would freeze figures that are still moving.
            throw new ArgumentException($"The period {period.Code} has not ended yet.", nameof(periodCode));
        }

        var published = await reports.PublishAsync(period);
        if (published)
        {
            logger.LogInformation("Report {Period} prepared and announced", period.Code);
        }

        return published;
    }
}
