using System.Text.Json;
using Liwater.Data.Access;

namespace Liwater.Data.Changes;

/// <summary>
/// The codes of change-log summaries that the data layer words nothing of: a summary is stored as a
/// <see cref="DataError"/> (code + arguments) in JSON, and the UI words it in the reader's language with the data
/// layer's texts (Liwater.Dashboard's <c>DataErrorText</c>, <c>DataErrorLocalizer.Summary</c>). Summaries that are
/// data, not language (a case's code and title), stay plain text, and so do rows written before codes (decision 0142).
/// </summary>
[ErrorCodes]
public static class ChangeSummaries
{
    /// <summary>{0} compound, {1} period word, {2} total.</summary>
    public const string ScoreRecorded = "change.score_recorded";

    /// <summary>{0} year, {1} quarter, {2} units ranked.</summary>
    public const string QuarterPublished = "change.quarter_published";

    /// <summary>{0} year, {1}–{4} five/four/three/no stars, {5} black-listed.</summary>
    public const string YearPublished = "change.year_published";

    /// <summary>{0} period word, {1} reason.</summary>
    public const string RatingReopened = "change.rating_reopened";

    /// <summary>{0} period word, {1} opened, {2} resolved, {3} deadlines met (rate or the no-data word), {4} volunteer hours.</summary>
    public const string ReportPublished = "change.report_published";

    /// <summary>{0} period word.</summary>
    public const string ReportPublishedEmpty = "change.report_published_empty";

    /// <summary>{0} year, {1} month.</summary>
    public const string MonthWord = "change.period.month";

    /// <summary>{0} year, {1} quarter.</summary>
    public const string QuarterWord = "change.period.quarter";

    public const string NoData = "change.no_data";

    /// <summary>{0} activities added, {1} file name.</summary>
    public const string ActivitiesImported = "change.activities_imported";

    /// <summary>{0} chair.</summary>
    public const string MeetingStarted = "change.meeting_started";

    /// <summary>{0} item title.</summary>
    public const string MeetingItemAdded = "change.meeting_item_added";

    /// <summary>{0} item title.</summary>
    public const string MeetingDecided = "change.meeting_decided";

    /// <summary>{0} items decided, {1} items.</summary>
    public const string MeetingEnded = "change.meeting_ended";

    /// <summary>{0} representative, {1} choice word (<see cref="Councils.CouncilWords"/>).</summary>
    public const string VoteCast = "change.vote_cast";

    /// <summary>{0} motion, {1} result word (<see cref="Councils.CouncilWords"/>), {2} for, {3} against, {4} abstain, {5} active representatives.</summary>
    public const string MotionClosed = "change.motion_closed";

    /// <summary>{0} motion title.</summary>
    public const string MotionRaised = "change.motion_raised";

    /// <summary>{0} council meeting title.</summary>
    public const string CouncilCreated = "change.council_created";

    /// <summary>{0} step word of the five-step method (<see cref="Councils.CouncilWords"/>).</summary>
    public const string CouncilStepDone = "change.council_step_done";

    /// <summary>{0} local time (yyyy-MM-dd HH:mm), {1} figures updated.</summary>
    public const string SnapshotTaken = "change.snapshot_taken";

    /// <summary>The summary as the change log stores it.</summary>
    public static string Encode(DataError summary) => Audit.ToJson(summary);

    /// <summary>The coded summary in a stored one, or null for plain text (a case's code and title, an older row).</summary>
    public static DataError? Decode(string? summary)
    {
        if (summary is not { Length: > 2 } || summary[0] != '{')
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(summary);
            return DataError.FromJson(json.RootElement) is { Code: var code } error && code.StartsWith("change.", StringComparison.Ordinal) ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
