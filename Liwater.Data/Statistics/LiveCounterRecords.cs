using Liwater.Data.Territory;

namespace Liwater.Data.Statistics;

/// <summary>The screen's live counters, counted from case, breach and activity rows at one instant.</summary>
public sealed record LiveCounters
{
    public long OpenCompound { get; init; }
    public long OpenCommunity { get; init; }
    public long OpenTown { get; init; }

    /// <summary>Gets the distinct cases with a deadline breach recorded today or open past their deadline now.</summary>
    public long BreachesToday { get; init; }

    /// <summary>Gets the open cases past their deadline now.</summary>
    public long OverdueNow { get; init; }
    public long ResolvedToday { get; init; }

    /// <summary>Gets hours × people of the activities on today's local date.</summary>
    public double VolunteerHoursToday { get; init; }

    /// <summary>Gets hours × people from the first of this local month to today.</summary>
    public double VolunteerHoursMonth { get; init; }
    public long LastChangeId { get; init; }

    public long OpenTotal => OpenCompound + OpenCommunity + OpenTown;
}

/// <summary>How close the most pressing open case of a compound is to its deadline.</summary>
public enum SlaState
{
    None = 0,
    Ok = 1,
    DueSoon = 2,
    Overdue = 3,
}

/// <summary>One compound as the map layers show it.</summary>
public sealed record CompoundLayerData
{
    public long Id { get; init; }
    public long CommunityId { get; init; }
    public string Name { get; init; } = "";
    public bool HasOwnBranch { get; init; }
    public bool HasJointBranch { get; init; }
    public bool CompleteGrid { get; init; }
    public long OpenCases { get; init; }

    /// <summary>Gets the open cases of this compound held at the compound level (its part of <see cref="OpenCases"/>).</summary>
    public long OpenAtCompound { get; init; }

    /// <summary>Gets the open cases of this compound escalated to its community.</summary>
    public long OpenAtCommunity { get; init; }

    /// <summary>Gets the open cases of this compound at the town joint meeting.</summary>
    public long OpenAtTown { get; init; }

    public long OverdueCases { get; init; }
    public long DueSoonCases { get; init; }
    public double VolunteerHoursMonth { get; init; }

    public GridStatus Grid => HasOwnBranch ? GridStatus.OwnBranch : HasJointBranch ? GridStatus.JointBranch : GridStatus.CommunityOnly;

    public SlaState Sla => OverdueCases > 0 ? SlaState.Overdue : DueSoonCases > 0 ? SlaState.DueSoon : OpenCases > 0 ? SlaState.Ok : SlaState.None;
}

public sealed record CommunityRef
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
}

/// <summary>A value on one local date of a trend.</summary>
public sealed record DayValue
{
    public string Day { get; init; } = "";
    public double Value { get; init; }
}

/// <summary>A change-log row for the ticker, with its community's name.</summary>
public sealed record TickerEvent
{
    public long Id { get; init; }
    public long At { get; init; }
    public string Kind { get; init; } = "";
    public string Entity { get; init; } = "";
    public long? EntityId { get; init; }
    public long? CommunityId { get; init; }
    public string? CommunityName { get; init; }
    public string? Summary { get; init; }
}

/// <summary>Everything the screen shows besides the town's governance figures, read in one round trip.</summary>
public sealed record LiveScreenData(
    LiveCounters Counters,
    IReadOnlyList<CommunityRef> Communities,
    IReadOnlyList<CompoundLayerData> Compounds,
    IReadOnlyList<DayValue> OpenCasesTrend,
    IReadOnlyList<DayValue> VolunteerHoursTrend,
    IReadOnlyList<TickerEvent> Ticker);
