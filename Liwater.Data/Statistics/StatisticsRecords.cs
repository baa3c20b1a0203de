using Liwater.Data.Ratings;

namespace Liwater.Data.Statistics;

/// <summary>The part of the town a figure is about: the whole town, one community or one compound.</summary>
public sealed record StatisticsScope(long? CommunityId, long? CompoundId)
{
    public static readonly StatisticsScope Town = new(null, null);

    public static StatisticsScope Community(long communityId) => new(communityId, null);

    public static StatisticsScope Compound(long compoundId) => new(null, compoundId);
}

/// <summary>Counts of the Party grid and the territory in a scope, straight from rows.</summary>
public sealed record GridCounts
{
    public long Compounds { get; init; }
    public long Buildings { get; init; }
    public long Households { get; init; }
    public long Residents { get; init; }
    public long CompoundBranches { get; init; }
    public long ServiceStations { get; init; }
    public long CoveredCompounds { get; init; }
    public long CompleteGrids { get; init; }
    public long HouseholdsContacted { get; init; }
}

public sealed record TeamCounts
{
    public long PartyMassService { get; init; }
    public long Building { get; init; }
    public long BuildingDeliberation { get; init; }

    public long Total => PartyMassService + Building + BuildingDeliberation;
}

public sealed record OpenCasesByLevel
{
    public long Compound { get; init; }
    public long Community { get; init; }
    public long Town { get; init; }

    public long Total => Compound + Community + Town;
}

/// <summary>Cases per status (open, in_progress, resolved, closed, cancelled).</summary>
public sealed record CasesByStatus
{
    public long Open { get; init; }
    public long InProgress { get; init; }
    public long Resolved { get; init; }
    public long Closed { get; init; }
    public long Cancelled { get; init; }
}

/// <summary>The governance figures of a scope, as the town published them for 2021, all computed from rows.</summary>
public sealed record GovernanceFigures(
    GridCounts Grid,
    TeamCounts Teams,
    StarDistribution Stars,
    int? RatingYear,
    OpenCasesByLevel OpenCases,
    CasesByStatus CaseStatuses)
{
    /// <summary>Compounds with their own Party branch ÷ all compounds (单建率); 0 when the scope has none.</summary>
    public double StandaloneRate => Ratio(Grid.CompoundBranches, Grid.Compounds);

    /// <summary>Compounds covered by any Party organisation ÷ all compounds (覆盖率).</summary>
    public double CoverageRate => Ratio(Grid.CoveredCompounds, Grid.Compounds);

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
