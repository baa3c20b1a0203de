using Liwater.Data.Photos;

namespace Liwater.Data.Residents;

/// <summary>A building with its live QR code, for the printable sheet.</summary>
public sealed record BuildingCode
{
    public long BuildingId { get; init; }
    public string BuildingName { get; init; } = "";
    public long CodeId { get; init; }
    public string Code { get; init; } = "";
    public long CreatedAt { get; init; }
}

/// <summary>The compound a QR sheet belongs to, with its buildings' live codes.</summary>
public sealed record CompoundCodes(long CompoundId, string CompoundName, string CommunityName, IReadOnlyList<BuildingCode> Buildings)
{
    /// <summary>Gets the names of the compound's buildings that have no live code yet (in the sheet's order).</summary>
    public IReadOnlyList<string> BuildingsWithoutCode { get; init; } = [];
}

/// <summary>Where a live code points: the building a resident is reporting from.</summary>
public sealed record CodeTarget
{
    public long CodeId { get; init; }
    public long BuildingId { get; init; }
    public string BuildingName { get; init; } = "";
    public long CompoundId { get; init; }
    public string CompoundName { get; init; } = "";
    public long CommunityId { get; init; }
}

/// <summary>What the resident's form sends (photos already checked and re-encoded).</summary>
public sealed record ResidentReportInput
{
    public string? Category { get; init; }
    public string? Description { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<PhotoUpload> Photos { get; init; } = [];
}

public enum ResidentOutcome
{
    Ok,
    UnknownCode,
    UnknownTracking,
    Invalid,
    Refused,
    Conflict,
}

/// <summary>The result of a report: the tracking token is returned once and only its hash is stored.</summary>
public sealed record ResidentReportResult
{
    public ResidentOutcome Outcome { get; init; }
    public long? CaseId { get; init; }
    public string? TrackingToken { get; init; }
    public IReadOnlyDictionary<string, DataError> Errors { get; init; } = new Dictionary<string, DataError>();
    public DataError? Error { get; init; }
}

/// <summary>What a tracking link may show: no staff names, no phone numbers, public photos only.</summary>
public sealed record TrackedCase
{
    public long CaseId { get; init; }
    public string Code { get; init; } = "";
    public string Status { get; init; } = "";
    public string Level { get; init; } = "";
    public string Category { get; init; } = "";
    public string CompoundName { get; init; } = "";
    public string BuildingName { get; init; } = "";
    public string Description { get; init; } = "";
    public long OpenedAt { get; init; }
    public long Version { get; init; }
    public IReadOnlyList<PublicEvent> Timeline { get; init; } = [];
    public IReadOnlyList<CasePhotoRow> Photos { get; init; } = [];
}

/// <summary>One public timeline entry: a kind, a time and, for replies and results, the text with phone numbers and staff names masked.</summary>
public sealed record PublicEvent(long Id, string Kind, long At, PublicText? Body, string? ToLevel);

/// <summary>
/// A staff text as a resident may read it, in parts: the text between staff names, and a null part wherever a staff
/// member's name stood, which the page words in the resident's language ("工作人员" / "staff").
/// </summary>
public sealed record PublicText(IReadOnlyList<string?> Parts);
