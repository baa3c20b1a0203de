namespace Liwater.Data.Statistics;

/// <summary>The live figures of one scope at one minute: a row of <c>statistics_snapshots</c>.</summary>
public sealed record SnapshotRow
{
    public string Scope { get; init; } = "";
    public long ScopeId { get; init; }
    public long TakenAt { get; init; }
    public long OpenCases { get; init; }
    public long Breached { get; init; }
    public long ResolvedToday { get; init; }
    public double VolunteerHoursToday { get; init; }
    public double VolunteerHoursMonth { get; init; }
    public string Figures { get; init; } = "";
}

/// <summary>What one run of the snapshot wrote: the minute, how many rows it holds, how many changed.</summary>
public sealed record SnapshotResult(long TakenAt, int Rows, int Changed, int Pruned);

/// <summary>The extra figures of a snapshot row, kept as JSON in <c>figures</c> so the series can grow without a migration.</summary>
public sealed record SnapshotFigures
{
    public long OpenAtCompound { get; init; }
    public long OpenAtCommunity { get; init; }
    public long OpenAtTown { get; init; }
    public long ActivitiesToday { get; init; }
    public long VolunteersToday { get; init; }
}

/// <summary>The scopes a snapshot covers: the town (scope id 0), each community, each compound.</summary>
public static class SnapshotScopes
{
    public const string Town = "town";
    public const string Community = "community";
    public const string Compound = "compound";
}

/// <summary>A scope's figures at the last snapshot of one local day.</summary>
public sealed record SnapshotDay
{
    public string Day { get; init; } = "";
    public long TakenAt { get; init; }
    public long OpenCases { get; init; }
    public long Breached { get; init; }
    public long ResolvedToday { get; init; }
}
