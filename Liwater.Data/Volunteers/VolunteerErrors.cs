namespace Liwater.Data.Volunteers;

/// <summary>
/// The codes of everything the volunteer path can refuse or reject: the activity rules (<see cref="ActivityRules"/>,
/// shared by the form and the import), rights, duplicates and the CSV import's file and row errors. Worded by the UI
/// (Resources/Localization/DataErrorText.tsv).
/// </summary>
[ErrorCodes]
public static class VolunteerErrors
{
    public const string Refused = "volunteer.refused.record";
    public const string CompoundMissing = "volunteer.compound_missing";

    /// <summary>The same activity is stored already. Args: the day (yyyy-MM-dd), the compound's name.</summary>
    public const string Duplicate = "volunteer.duplicate";

    public const string DateRequired = "activity.date_required";

    /// <summary>Args: the day (yyyy-MM-dd).</summary>
    public const string DateAfterToday = "activity.date_after_today";

    public const string CompoundRequired = "activity.compound_required";
    public const string TeamNotInCompound = "activity.team_not_in_compound";
    public const string HoursRange = "activity.hours_range";

    /// <summary>Args: the largest number of people.</summary>
    public const string PeopleRange = "activity.people_range";

    /// <summary>Args: the kind as written, the accepted kinds (a list of words).</summary>
    public const string KindUnknown = "activity.kind_unknown";

    /// <summary>The title's label in the <see cref="TextRules"/> codes.</summary>
    public const string TitleLabel = "label.activity_title";

    public const string ImportRefused = "import.refused.role";

    /// <summary>Args: the largest file in MB.</summary>
    public const string ImportTooLarge = "import.too_large";

    public const string ImportEncoding = "import.encoding";
    public const string ImportNotCsv = "import.not_csv";

    /// <summary>Args: the expected columns (a list of column words, import.column.*).</summary>
    public const string ImportEmpty = "import.empty";

    /// <summary>Args: the missing columns and the expected ones (lists of column words, import.column.*).</summary>
    public const string ImportMissingColumns = "import.missing_columns";

    public const string RowQuote = "import.row.quote";

    /// <summary>Args: the compound as written.</summary>
    public const string RowOtherCommunity = "import.row.other_community";

    public const string RowDateEmpty = "import.row.date_empty";

    /// <summary>Args: the date as written.</summary>
    public const string RowDateInvalid = "import.row.date_invalid";

    public const string RowCompoundEmpty = "import.row.compound_empty";

    /// <summary>Args: the compound as written.</summary>
    public const string RowCompoundUnknown = "import.row.compound_unknown";

    /// <summary>Args: the compound, the team as written.</summary>
    public const string RowTeamUnknown = "import.row.team_unknown";

    /// <summary>Args: the hours as written.</summary>
    public const string RowHoursNotNumber = "import.row.hours_not_number";

    /// <summary>Args: the people as written.</summary>
    public const string RowPeopleNotInteger = "import.row.people_not_integer";
}
