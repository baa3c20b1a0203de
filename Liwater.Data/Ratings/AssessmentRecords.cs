namespace Liwater.Data.Ratings;

/// <summary>A property-service unit: a compound and the company serving it.</summary>
public sealed record AssessmentUnit
{
    public long Id { get; init; }
    public long CompoundId { get; init; }
    public string CompoundName { get; init; } = "";
    public string CommunityName { get; init; } = "";
    public string CompanyName { get; init; } = "";
    public long? PublishedSeq { get; init; }
}

/// <summary>An assessment period that has scores: quarter 1–4, or 0 for the year-end assessment.</summary>
public sealed record AssessmentPeriod(int Year, int Quarter);

/// <summary>One stored score (total) of a unit, with who entered it and when.</summary>
public sealed record StoredScore
{
    public long Id { get; init; }
    public long UnitId { get; init; }
    public long Year { get; init; }
    public long Quarter { get; init; }
    public double Total { get; init; }
    public string Assessor { get; init; } = "";
    public string? Comments { get; init; }
    public long RecordedAt { get; init; }
    public bool IsAssumption { get; init; }
}

/// <summary>A stored sheet with its item scores (code → points); items are empty for sheets entered as a total only.
/// <see cref="Computed"/> holds, for an item computed from the service record, the figures it came from.</summary>
public sealed record ScoreSheetView(StoredScore Score, IReadOnlyDictionary<string, double> Items, IReadOnlyDictionary<string, ComputedItemSource> Computed);

/// <summary>A row of the league table: the unit and where it stands in the period.</summary>
public sealed record LeagueRow(AssessmentUnit Unit, UnitRating Rating, StoredScore Score);

/// <summary>A unit's standing in one period of its history.</summary>
public sealed record UnitHistoryRow(AssessmentPeriod Period, StoredScore Score, UnitRating Rating, int UnitsRanked);
