using Hangfire;
using Liwater.Data.Cases;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Every minute: applies the automatic escalation rules to cases left open past their deadline. Each rule moves a
/// case at most once, so a run that finds nothing new changes nothing.
/// </summary>
public sealed class DeadlineWatchdogJob(AutoEscalation escalation, TimeProvider clock, IOptionsMonitor<JobsOptions> options, ILogger<DeadlineWatchdogJob> logger)
{
    [JobDisplayName("时限监察")]
    [AutomaticRetry(Attempts = 2)]
    public async Task<IReadOnlyList<long>> RunAsync()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var escalated = await escalation.RunAsync(options.CurrentValue.AutoEscalation, now);
        if (escalated.Count > 0)
        {
            logger.LogInformation("Deadline watchdog escalated {Count} case(s): {CaseIds}", escalated.Count, string.Join(", ", escalated));
        }

        return escalated;
    }
}
