using Hangfire.Common;
using Hangfire.Server;

namespace Liwater.Dashboard.Jobs;

/// <summary>Logs a failed run with its Hangfire job id, so the log line leads to the job in /jobs (Hangfire retries it).</summary>
public sealed class JobFailureLogger(ILogger<JobFailureLogger> logger) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Exception is null || context.ExceptionHandled || context.Exception is OperationCanceledException)
        {
            return;
        }

        var job = context.BackgroundJob;
        logger.LogError(
            context.Exception.InnerException ?? context.Exception,
            "Job {JobId} ({JobName}) failed; Hangfire will retry it if attempts remain",
            job.Id, $"{job.Job.Type.Name}.{job.Job.Method.Name}");
    }

    /// <summary>Hangfire's own filters plus this one, without touching the process-wide filter list.</summary>
    public static IJobFilterProvider Provider(ILogger<JobFailureLogger> logger) =>
        new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { new JobFailureLogger(logger) });
}
