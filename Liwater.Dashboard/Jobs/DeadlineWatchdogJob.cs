using Hangfire;
using Liwater.Dashboard.Field;
using Liwater.Data.Cases;
using Liwater.Data.Notifications;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Every minute: records the deadline marks passed since the last run (once per case, mark and level, each a
/// change-log event the big screen sees) and the marks falling due within the alert lead time
/// (<c>Liwater:Field:DueSoonMinutes</c>; the notification reader turns both into alerts), then applies the automatic escalation rules to cases left open past their
/// deadline. A run that finds nothing new changes nothing.
/// </summary>
public sealed class DeadlineWatchdogJob(
    CaseCommands cases, AutoEscalation escalation, DeadlineWarnings warnings, FieldOptions field, TimeProvider clock,
    IOptionsMonitor<JobsOptions> options, ILogger<DeadlineWatchdogJob> logger)
{
    [JobDisplayName(nameof(JobNames.DeadlineWatchdog), ResourceType = typeof(JobNames))]
    [AutomaticRetry(Attempts = 2)]
    public async Task<IReadOnlyList<long>> RunAsync()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var breaches = await cases.RecordBreachesAsync(now);
        await warnings.RecordDueSoonAsync(now, field.DueSoonMs);
        var escalated = await escalation.RunAsync(options.CurrentValue.AutoEscalation, now);
        if (breaches > 0 || escalated.Count > 0)
        {
            logger.LogInformation("Deadline watchdog: {Breaches} new breach(es); escalated {Count} case(s): {CaseIds}", breaches, escalated.Count, string.Join(", ", escalated));
        }

        return escalated;
    }
}
