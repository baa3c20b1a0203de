namespace Liwater.Data.Ratings;

/// <summary>
/// One assessor's score sheet for a unit and period as entered. <see cref="ExpectedRecordedAt"/> is the
/// <c>recorded_at</c> of the stored sheet the assessor started from (null for a new sheet): it is the concurrency
/// token, so a sheet saved by someone else in between is never overwritten unseen.
/// </summary>
public sealed record ScoreSheetInput
{
    public long UnitId { get; init; }
    public int Year { get; init; }

    /// <summary>Gets the quarter 1–4, or 0 for the year-end assessment.</summary>
    public int Quarter { get; init; }

    public IReadOnlyDictionary<string, double?> Scores { get; init; } = new Dictionary<string, double?>();
    public string Assessor { get; init; } = "";
    public string? Comments { get; init; }
    public long? ExpectedRecordedAt { get; init; }
}

/// <summary>Checks a sheet against the checklist and totals it; pure, so the rules are tested without storage.</summary>
public static class ScoreSheetRules
{
    public const string AssessorField = "assessor";
    public const string PeriodField = "period";
    public const string CommentsField = "comments";
    public const int AssessorMax = 50;
    public const int CommentsMax = 2000;

    public static string ItemField(string code) => "item:" + code;

    /// <summary>The total of the item scores, rounded to two decimals so 0.1 + 0.2 stores as 0.3.</summary>
    public static double Total(IReadOnlyDictionary<string, double?> scores, IReadOnlyList<ChecklistItem> checklist) =>
        Math.Round(checklist.Sum(i => scores.TryGetValue(i.Code, out var s) && s is { } v ? v : 0), 2);

    /// <summary>Field → error code for each problem; empty when the sheet can be saved.</summary>
    public static IReadOnlyDictionary<string, DataError> Check(ScoreSheetInput input, IReadOnlyList<ChecklistItem> checklist)
    {
        var errors = new Dictionary<string, DataError>();
        if (!IsPeriodValid(input.Year, input.Quarter))
        {
            errors[PeriodField] = new DataError(RatingErrors.PeriodInvalid);
        }

        TextRules.Check(errors, AssessorField, input.Assessor, AssessorMax, required: true, RatingErrors.AssessorLabel);
        TextRules.Check(errors, CommentsField, input.Comments, CommentsMax, required: false, RatingErrors.CommentsLabel);

        foreach (var item in checklist)
        {
            if (!input.Scores.TryGetValue(item.Code, out var score) || score is null)
            {
                errors[ItemField(item.Code)] = new DataError(RatingErrors.ItemRequired, item.Name);
            }
            else if (double.IsNaN(score.Value) || score.Value < 0 || score.Value > item.MaxPoints)
            {
                errors[ItemField(item.Code)] = new DataError(RatingErrors.ItemRange, item.Name, item.MaxPoints);
            }
        }

        foreach (var code in input.Scores.Keys.Where(k => !checklist.Any(i => i.Code == k)))
        {
            errors[ItemField(code)] = new DataError(RatingErrors.ItemUnknown, code);
        }

        return errors;
    }

    public static bool IsPeriodValid(int year, int quarter) => year is >= 2000 and <= 2100 && quarter is >= 0 and <= 4;

}

/// <summary>Why a score sheet or period change was refused: one code, and the fields it concerns (field → code).</summary>
public sealed class ScoreSheetRefusedException(DataError error, IReadOnlyDictionary<string, DataError>? fieldErrors = null) : Exception(error.ToString())
{
    /// <summary>Gets why, as a code the UI words (<see cref="RatingErrors"/>).</summary>
    public DataError Error { get; } = error;

    public IReadOnlyDictionary<string, DataError> FieldErrors { get; } = fieldErrors ?? new Dictionary<string, DataError>();
}
