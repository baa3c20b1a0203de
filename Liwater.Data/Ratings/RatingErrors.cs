namespace Liwater.Data.Ratings;

/// <summary>
/// The codes of everything the assessment path can refuse or reject: score-sheet checks (<see cref="ScoreSheetRules"/>),
/// rights, concurrency and the publish / re-open life cycle of a period. Worded by the UI
/// (Resources/Localization/DataErrorText.tsv). A period is passed as a <see cref="Period"/> word.
/// </summary>
[ErrorCodes]
public static class RatingErrors
{
    public const string ScoreRefused = "rating.refused.score";
    public const string PublishRefused = "rating.refused.publish";
    public const string PeriodInvalid = "rating.period_invalid";
    /// <summary>The assessor field's label in the <see cref="TextRules"/> codes.</summary>
    public const string AssessorLabel = "label.assessor";

    /// <summary>The comments field's label in the <see cref="TextRules"/> codes.</summary>
    public const string CommentsLabel = "label.score_comments";

    /// <summary>Args: the item's name.</summary>
    public const string ItemRequired = "rating.item_required";

    /// <summary>Args: the item's name, its most points.</summary>
    public const string ItemRange = "rating.item_range";

    /// <summary>Args: the code sent.</summary>
    public const string ItemUnknown = "rating.item_unknown";

    public const string SheetInvalid = "rating.sheet_invalid";
    public const string UnitMissing = "rating.unit_missing";

    /// <summary>Args: the period.</summary>
    public const string PeriodPublished = "rating.period_published";

    /// <summary>Args: the period.</summary>
    public const string AlreadyPublished = "rating.already_published";

    /// <summary>Args: the period.</summary>
    public const string NothingToPublish = "rating.nothing_to_publish";

    /// <summary>Args: the period.</summary>
    public const string NotPublished = "rating.not_published";

    /// <summary>The re-open reason's label in the <see cref="TextRules"/> codes.</summary>
    public const string ReasonLabel = "label.reopen_reason";

    /// <summary>Args: the compound, the period.</summary>
    public const string SheetDeleted = "rating.sheet_deleted";

    /// <summary>Args: the compound, the period, the assessor who scored it.</summary>
    public const string SheetExists = "rating.sheet_exists";

    /// <summary>Args: the compound, the period, the assessor who changed it.</summary>
    public const string SheetChanged = "rating.sheet_changed";

    /// <summary>A quarter as a word. Args: year, quarter.</summary>
    public const string PeriodQuarter = "rating.period.quarter";

    /// <summary>A year-end assessment as a word. Args: year.</summary>
    public const string PeriodYear = "rating.period.year";

    public static DataError Period(int year, int quarter) => quarter == 0 ? new(PeriodYear, year) : new(PeriodQuarter, year, quarter);
}
