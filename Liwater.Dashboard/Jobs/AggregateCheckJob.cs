using Hangfire;
using Liwater.Data.Statistics;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Nightly recount of the aggregates the write transactions keep (decision 0160): compares each with a full recount
/// from the rows and, when one differs, logs every difference and rebuilds them all from the rows.
/// </summary>
public sealed class AggregateCheckJob(AggregateCheck check, ILogger<AggregateCheckJob> logger)
{
    [JobDisplayName(nameof(JobNames.AggregateCheck), ResourceType = typeof(JobNames))]
    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunAsync()
    {
        var differences = await check.CheckAndRepairAsync();
        foreach (var d in differences.Take(50))
        {
            logger.LogWarning("Aggregate {Table} row {Key} held {Stored} but the rows count {Counted}; rebuilt from the rows", d.Table, d.Key, d.Stored, d.Counted);
        }

        if (differences.Count == 0)
        {
            logger.LogInformation("Aggregates equal their recount from the rows");
        }
        else
        {
            logger.LogWarning("{Count} aggregate rows differed from the recount and were rebuilt", differences.Count);
        }

        return differences.Count;
    }
}
