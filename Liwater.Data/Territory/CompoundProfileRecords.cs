namespace Liwater.Data.Territory;

/// <summary>Everything the compound profile page shows, read in one round trip.</summary>
public sealed record CompoundProfile
{
    public required CompoundOverview Compound { get; init; }

    public required IReadOnlyList<PartyOrgRow> PartyOrgs { get; init; }

    public required ContactGridRow ContactGrid { get; init; }

    public required IReadOnlyList<ContactMemberRoleRow> MemberRoles { get; init; }

    public string? StationName { get; init; }

    public CouncilRow? Council { get; init; }

    public required IReadOnlyList<CouncilStepRow> CouncilSteps { get; init; }

    public required IReadOnlyList<ScoreRow> Scores { get; init; }

    /// <summary>Gets the unit's place in each year-end ranking of the town, newest first.</summary>
    public required IReadOnlyList<YearEndPlace> YearEndPlaces { get; init; }

    /// <summary>Gets the compound's open cases, or none when the reader may not read that community's cases
    /// (<see cref="CasesHidden"/>; <see cref="Cases.CaseAccess"/> decides).</summary>
    public required IReadOnlyList<OpenCaseRow> OpenCases { get; init; }

    /// <summary>Gets how many cases are open in the compound (shown to every reader, like the overview's column).</summary>
    public int OpenCaseCount { get; init; }

    /// <summary>Gets whether the open cases were withheld from this reader.</summary>
    public bool CasesHidden { get; init; }

    public required IReadOnlyList<TeamRow> Teams { get; init; }

    public double VolunteerHoursThisMonth { get; init; }

    public double VolunteerHoursThisYear { get; init; }
}

public sealed record PartyOrgRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string? EstablishedOn { get; init; }
}

public sealed record ContactGridRow
{
    public long Buildings { get; init; }
    public long BuildingsWithGroup { get; init; }
    public long Groups { get; init; }
    public long HouseholdsContacted { get; init; }
}

public sealed record ContactMemberRoleRow
{
    public string Role { get; init; } = "";
    public long Members { get; init; }
}

public sealed record CouncilRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string? FoundedOn { get; init; }
    public long Representatives { get; init; }
    public long Motions { get; init; }
    public long MotionsPassed { get; init; }
}

public sealed record CouncilStepRow
{
    public long Step { get; init; }
    public string CompletedOn { get; init; } = "";
}

/// <summary>A score of the compound's property unit; quarter 0 is the year-end assessment.</summary>
public sealed record ScoreRow
{
    public long UnitId { get; init; }
    public string Company { get; init; } = "";
    public long Year { get; init; }
    public long Quarter { get; init; }
    public double Total { get; init; }
}

public sealed record OpenCaseRow
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Title { get; init; } = "";
    public string Level { get; init; } = "";
    public string Status { get; init; } = "";
    public long? DueAt { get; init; }
}

public sealed record TeamRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public long Members { get; init; }
}

public sealed record YearEndPlace(long Year, int Rank, int Stars, Liwater.Data.Ratings.RatingList List, int UnitsRanked);
