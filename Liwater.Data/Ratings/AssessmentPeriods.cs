using System.Data.Common;
using Dapper;

namespace Liwater.Data.Ratings;

/// <summary>The two states of an assessment period (<c>assessment_periods.state</c>); a period without a row is a draft.</summary>
public static class PeriodStates
{
    public const string Draft = "draft";
    public const string Published = "published";
}

/// <summary>
/// The one definition of what the public sees of the assessment: only published periods, and "the latest period" is
/// the newest published one. Every public reader (wall, overview, compound profile, red and black lists, the ratings
/// job, /ratings for those who cannot score) uses these fragments, so a draft sheet never reaches a public screen
/// (decision 0090).
/// </summary>
public static class PublishedPeriods
{
    /// <summary>The year of the newest published year-end period (the stars and the red and black lists), or NULL.</summary>
    public const string LatestYearEndSql =
        "SELECT MAX(year) FROM assessment_periods WHERE quarter = 0 AND state = 'published'";

    /// <summary>A condition that holds when the row aliased <c>s</c> (with <c>year</c> and <c>quarter</c>) is of a published period.</summary>
    public const string ScoreIsPublished =
        "EXISTS (SELECT 1 FROM assessment_periods ap WHERE ap.year = s.year AND ap.quarter = s.quarter AND ap.state = 'published')";

    /// <summary>Newest first; within a year the year-end assessment comes before the quarters (alias <c>s</c>).</summary>
    public const string NewestFirst = "s.year DESC, s.quarter = 0 DESC, s.quarter DESC";

    public static Task<bool> IsPublishedAsync(DbConnection connection, long year, long quarter, DbTransaction? transaction = null) =>
        connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM assessment_periods WHERE year = @year AND quarter = @quarter AND state = 'published')",
            new { year, quarter },
            transaction);
}

/// <summary>A period as /ratings lists it: whether it is published, and who last published or re-opened it and why.</summary>
public sealed record PeriodListing(AssessmentPeriod Period, bool IsPublished, int Sheets, long? ChangedAt, string? ChangedBy, string? ReopenReason);
