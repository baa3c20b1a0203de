namespace Liwater.Data.Territory;

public sealed record Community(long Id, string Code, string Name, string NameEn, long SortOrder, long IsAssumption, string? AssumptionNote);

/// <summary>How a compound stands in the Party grid: own branch, joint branch, or covered only by the community.</summary>
public enum GridStatus
{
    CommunityOnly = 0,
    JointBranch = 1,
    OwnBranch = 2,
}

/// <summary>One compound with the figures shown beside it in lists and on the map.</summary>
public sealed record CompoundOverview(
    long Id,
    string Name,
    long CommunityId,
    string CommunityName,
    double? Latitude,
    double? Longitude,
    long IsAssumption,
    string? AssumptionNote,
    long Buildings,
    long Households,
    long Residents,
    long HasOwnBranch,
    long HasJointBranch,
    long CompleteGrid,
    long HasStation,
    long HasCouncil,
    long OpenCases)
{
    public GridStatus Grid => HasOwnBranch != 0 ? GridStatus.OwnBranch : HasJointBranch != 0 ? GridStatus.JointBranch : GridStatus.CommunityOnly;
}

public sealed record BuildingRef(long Id, long CompoundId, string Name);
