using Hangfire;
using Liwater.Data.Database;
using Liwater.Data.Ratings;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Keeps the published property-company rankings (<c>rating_results</c>) in step with the scores and thresholds: the
/// quarterly ranking of each finished quarter and the year-end ranking with stars and the red and black lists.
/// </summary>
/// <remarks>
/// Only periods the town office has published are ranked (decision 0090); a draft period is left alone whatever its
/// sheets say. The recurring run checks every finished period of the current and the previous year each night; it is
/// idempotent, so a period whose ranking did not change is left as is.
/// </remarks>
public sealed class PropertyRatingsJob(RatingCommands ratings, TownClock town, ILogger<PropertyRatingsJob> logger)
{
    /// <summary>Ranks and publishes one period on demand: quarter 1–4, or 0 for the year-end ranking.</summary>
    [JobDisplayName(nameof(JobNames.PropertyRatings), ResourceType = typeof(JobNames))]
    public async Task<bool> RunAsync(int year, int quarter)
    {
        var publication = await ratings.PublishAsync(year, quarter);
        if (publication.Changed)
        {
            logger.LogInformation("Ratings {Year} Q{Quarter} published: {Count} units", year, quarter, publication.Ratings.Count);
        }

        return publication.Changed;
    }

    /// <summary>Publishes every period that has ended in the current and the previous year (the recurring entry).</summary>
    [JobDisplayName(nameof(JobNames.PropertyRatingsFinished), ResourceType = typeof(JobNames))]
    public async Task<int> PublishFinishedPeriodsAsync()
    {
        var published = 0;
        foreach (var (year, quarter) in FinishedPeriods(town.Today))
        {
            published += await RunAsync(year, quarter) ? 1 : 0;
        }

        return published;
    }

    /// <summary>The periods ended by <paramref name="today"/>: last year's four quarters and year-end, this year's past quarters.</summary>
    public static IEnumerable<(int Year, int Quarter)> FinishedPeriods(DateOnly today)
    {
        var lastYear = today.Year - 1;
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            yield return (lastYear, quarter);
        }

        yield return (lastYear, RatingCommands.YearEnd);
        var currentQuarter = ((today.Month - 1) / 3) + 1;
        for (var quarter = 1; quarter < currentQuarter; quarter++)
        {
            yield return (today.Year, quarter);
        }
    }
}
