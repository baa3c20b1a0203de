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
public sealed record GridCounts(
    long Compounds,
    long Buildings,
    long Households,
    long Residents,
    long CompoundBranches,
    long ServiceStations,
    long CoveredCompounds,
    long CompleteGrids,
    long HouseholdsContacted);

public sealed record TeamCounts(long PartyMassService, long Building, long BuildingDeliberation)
{
    public long Total => PartyMassService + Building + BuildingDeliberation;
}

public sealed record OpenCasesByLevel(long Compound, long Community, long Town)
{
    public long Total => Compound + Community + Town;
}

/// <summary>Cases per status (open, in_progress, resolved, closed, cancelled).</summary>
public sealed record CasesByStatus(long Open, long InProgress, long Resolved, long Closed, long Cancelled);

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
