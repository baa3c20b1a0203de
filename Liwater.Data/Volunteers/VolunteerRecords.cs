namespace Liwater.Data.Volunteers;

public sealed record VolunteerTeam
{
    public long Id { get; init; }
    public long CompoundId { get; init; }
    public string CompoundName { get; init; } = "";
    public string CommunityName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string? FormedOn { get; init; }
    public long Members { get; init; }
    public long PartyMembers { get; init; }
}

public sealed record Volunteer
{
    public long Id { get; init; }
    public long TeamId { get; init; }
    public string Name { get; init; } = "";
    public bool IsPartyMember { get; init; }
    public string? JoinedOn { get; init; }
}

public sealed record VolunteerActivity
{
    public long Id { get; init; }
    public long CompoundId { get; init; }
    public string CompoundName { get; init; } = "";
    public long? TeamId { get; init; }
    public string? TeamName { get; init; }
    public string OccurredOn { get; init; } = "";
    public double Hours { get; init; }
    public long People { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public bool Imported { get; init; }

    /// <summary>Gets the volunteer hours of the activity: its length times the people who took part.</summary>
    public double VolunteerHours => Hours * People;
}

/// <summary>Volunteer hours (hours × people) of one compound in one month ('YYYY-MM').</summary>
public sealed record MonthlyHours
{
    public long CompoundId { get; init; }
    public string CompoundName { get; init; } = "";
    public string Month { get; init; } = "";
    public double VolunteerHours { get; init; }
    public long Activities { get; init; }
    public long PracticalThings { get; init; }
}

/// <summary>One activity as entered on the form or read from a CSV row, before it is checked.</summary>
public sealed record ActivityInput
{
    public DateOnly? OccurredOn { get; init; }
    public long? CompoundId { get; init; }
    public long? TeamId { get; init; }
    public double? Hours { get; init; }
    public int? People { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
}

/// <summary>
/// A CSV row that was not imported: its row number in the file (the header is row 1), why (a <see cref="VolunteerErrors"/> code), and the kind
/// of problem (the field: date, compound, team, hours, people, kind, title; or community, quote).
/// </summary>
public sealed record ImportRowError(int Row, DataError Reason, string Kind = "");

/// <summary>
/// A CSV row skipped as a duplicate (<see cref="ActivityDuplicates"/>): the same as an earlier row of the file
/// (<see cref="SameAsRow"/>) or as an activity already stored (<see cref="Stored"/>).
/// </summary>
public sealed record ImportRowDuplicate(int Row, int? SameAsRow, StoredActivityRef? Stored);

/// <summary>
/// What an import did. <see cref="FileError"/> set means the whole file was refused and nothing was stored; otherwise
/// good rows were stored (<see cref="Added"/>), rows already stored or repeated in the file were skipped
/// (<see cref="Duplicates"/>), and bad rows are listed in <see cref="Errors"/>.
/// </summary>
public sealed record ImportReport
{
    public DataError? FileError { get; init; }
    public string? Encoding { get; init; }
    public int Rows { get; init; }
    public int Added { get; init; }
    /// <summary>The most error and duplicate rows a report lists; the rest are counted (a 5 MB file of bad rows has ~90,000).</summary>
    public const int MaxRowsShown = 200;

    public int Duplicates { get; init; }

    /// <summary>Gets the first <see cref="MaxRowsShown"/> bad rows, in file order.</summary>
    public IReadOnlyList<ImportRowError> Errors { get; init; } = [];

    /// <summary>Gets how many rows were bad in all.</summary>
    public int ErrorCount { get; init; }

    /// <summary>Gets how many bad rows there were of each kind (<see cref="ImportRowError.Kind"/>).</summary>
    public IReadOnlyDictionary<string, int> ErrorsByKind { get; init; } = new Dictionary<string, int>();

    /// <summary>Gets the first <see cref="MaxRowsShown"/> rows skipped as duplicates, in file order.</summary>
    public IReadOnlyList<ImportRowDuplicate> DuplicateRows { get; init; } = [];

    public static ImportReport Refused(DataError error) => new() { FileError = error };
}

/// <summary>Why an activity was not saved; <see cref="Field"/> names the form field it concerns.</summary>
public class ActivityRefusedException(string field, DataError error) : Exception(error.ToString())
{
    public string Field { get; } = field;

    /// <summary>Gets why, as a code the UI words (<see cref="VolunteerErrors"/>).</summary>
    public DataError Error { get; } = error;
}

/// <summary>The CSV file as a whole cannot be read (no header, required columns missing).</summary>
public sealed class ImportFileException(DataError error) : FormatException(error.ToString())
{
    public DataError Error { get; } = error;
}

/// <summary>The activity is the same as one already stored; saving it again needs the user's confirmation.</summary>
public sealed class ActivityDuplicateException(StoredActivityRef stored, DataError error) : ActivityRefusedException(DuplicateField, error)
{
    public const string DuplicateField = "duplicate";

    public StoredActivityRef Stored { get; } = stored;
}
