namespace Liwater.Data.Reports;

/// <summary>Cases opened, resolved, closed and cancelled in a period.</summary>
public sealed record CaseCounts(long Opened, long Resolved, long Closed, long Cancelled)
{
    public static readonly CaseCounts Zero = new(0, 0, 0, 0);

    public long Total => Opened + Resolved + Closed + Cancelled;
}

/// <summary>Counts under one key (a category code or a level).</summary>
public sealed record KeyedCounts(string Key, CaseCounts Counts);

/// <summary>
/// One deadline mark over a period: how many fell due in it and how many of those were breached (met late, not met
/// by their due time, or recorded by the watchdog). <see cref="Rate"/> is null when none fell due.
/// </summary>
public sealed record SlaFigure(string Mark, string Level, long Due, long Breached)
{
    public long Met => Due - Breached;

    public double? Rate => Due == 0 ? null : (double)Met / Due;
}

/// <summary>A duration distribution (milliseconds): sample size, median and 90th percentile (nearest rank).</summary>
public sealed record DurationFigure(long Count, long? MedianMs, long? P90Ms)
{
    public static readonly DurationFigure None = new(0, null, null);
}

/// <summary>A part of a whole; <see cref="Rate"/> is null when there is no whole ("no data").</summary>
public sealed record PartOf(long Part, long Whole)
{
    public double? Rate => Whole == 0 ? null : (double)Part / Whole;
}

/// <summary>Council motions: raised at meetings held in the period, and the results of those closed in it.</summary>
public sealed record MotionCounts(long Raised, long Passed, long Rejected, long NoQuorum)
{
    public long Closed => Passed + Rejected + NoQuorum;
}

/// <summary>Every figure of a period for one scope (the town, a community or a compound).</summary>
public sealed record ScopeReport
{
    /// <summary>Gets the community (null for the town; for a compound, its community).</summary>
    public long? CommunityId { get; init; }

    /// <summary>Gets the compound, for a compound's service record.</summary>
    public long? CompoundId { get; init; }
    public string Name { get; init; } = "";
    public CaseCounts Totals { get; init; } = CaseCounts.Zero;
    public IReadOnlyList<KeyedCounts> ByCategory { get; init; } = [];
    public IReadOnlyList<KeyedCounts> ByLevel { get; init; } = [];
    public IReadOnlyList<SlaFigure> Sla { get; init; } = [];
    public DurationFigure TimeToReply { get; init; } = DurationFigure.None;
    public DurationFigure TimeToResult { get; init; } = DurationFigure.None;
    public long EscalationsUp { get; init; }
    public long ReturnsDown { get; init; }

    /// <summary>Gets the distinct cases escalated from the compound level in the period.</summary>
    public long EscalatedPastCompound { get; init; }
    public long ConsultationRounds { get; init; }

    /// <summary>Gets satisfied ÷ (satisfied + unsatisfied) resident confirmations in the period.</summary>
    public PartOf Satisfaction { get; init; } = new(0, 0);

    /// <summary>Gets reopenings ÷ resolutions in the period (events).</summary>
    public PartOf Reopen { get; init; } = new(0, 0);
    public double VolunteerHours { get; init; }
    public long VolunteerActivities { get; init; }
    public MotionCounts Motions { get; init; } = new(0, 0, 0, 0);

    /// <summary>Gets every mark together: met ÷ due over all marks.</summary>
    public PartOf SlaOverall => new(Sla.Sum(s => s.Met), Sla.Sum(s => s.Due));

    /// <summary>Gets the unsatisfied share of the confirmations (the service record's "dissatisfaction").</summary>
    public PartOf Dissatisfaction => new(Satisfaction.Whole - Satisfaction.Part, Satisfaction.Whole);

    /// <summary>Gets whether nothing at all happened in the scope in the period.</summary>
    public bool IsEmpty =>
        Totals.Total == 0 && Sla.Count == 0 && EscalationsUp == 0 && ReturnsDown == 0 && ConsultationRounds == 0
        && Satisfaction.Whole == 0 && Reopen.Part == 0 && Reopen.Whole == 0 && VolunteerActivities == 0
        && Motions.Raised == 0 && Motions.Closed == 0;
}

/// <summary>
/// A period report: the scope asked for (the town, or one community) and its parts (the communities), computed from
/// rows in the window [<see cref="FromMs"/>, <see cref="ToMs"/>); a current period is counted to
/// <see cref="ToMs"/> = the moment of reading (<see cref="ToDate"/>).
/// </summary>
public sealed record PeriodReport(
    ReportPeriod Period,
    long FromMs,
    long ToMs,
    DateOnly LastDay,
    bool ToDate,
    long GeneratedAt,
    ScopeReport Total,
    IReadOnlyList<ScopeReport> Communities)
{
    public bool IsEmpty => Total.IsEmpty;
}
