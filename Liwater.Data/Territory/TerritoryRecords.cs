namespace Liwater.Data.Territory;

public sealed record Community
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string NameEn { get; init; } = "";
    public long SortOrder { get; init; }
    public bool IsAssumption { get; init; }
    public string? AssumptionNote { get; init; }
}

/// <summary>How a compound stands in the Party grid: own branch, joint branch, or covered only by the community.</summary>
public enum GridStatus
{
    CommunityOnly = 0,
    JointBranch = 1,
    OwnBranch = 2,
}

/// <summary>One compound with the figures shown beside it in lists and on the map.</summary>
public sealed record CompoundOverview
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public long CommunityId { get; init; }
    public string CommunityName { get; init; } = "";
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public bool IsAssumption { get; init; }
    public string? AssumptionNote { get; init; }
    public long Buildings { get; init; }
    public long Households { get; init; }
    public long Residents { get; init; }
    public bool HasOwnBranch { get; init; }
    public bool HasJointBranch { get; init; }
    public bool CompleteGrid { get; init; }
    public bool HasStation { get; init; }
    public bool HasCouncil { get; init; }
    public long OpenCases { get; init; }

    public GridStatus Grid => HasOwnBranch ? GridStatus.OwnBranch : HasJointBranch ? GridStatus.JointBranch : GridStatus.CommunityOnly;
}

public sealed record BuildingRef
{
    public long Id { get; init; }
    public long CompoundId { get; init; }
    public string Name { get; init; } = "";
}
