namespace Liwater.Data.Councils;

/// <summary>A council with its compound and how far it has come through the five steps.</summary>
public sealed record CouncilSummary
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public long CompoundId { get; init; }
    public string CompoundName { get; init; } = "";
    public long CommunityId { get; init; }
    public string CommunityName { get; init; } = "";
    public string? FoundedOn { get; init; }
    public long StepsCompleted { get; init; }
    public long ActiveRepresentatives { get; init; }
    public long OpenMotions { get; init; }
}

/// <summary>One completed step (1 造氛围 … 5 抓落实) of a council.</summary>
public sealed record CouncilStep
{
    public long Step { get; init; }
    public string CompletedOn { get; init; } = "";
    public string? Note { get; init; }
}

public sealed record CouncilRepresentative
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string? BuildingName { get; init; }
    public bool IsActive { get; init; }
}

public sealed record CouncilMeeting
{
    public long Id { get; init; }
    public string HeldOn { get; init; } = "";
    public string Title { get; init; } = "";
}

/// <summary>A motion with its tally; <see cref="Result"/> is set once it is closed and never changes after.</summary>
public sealed record MotionView
{
    public long Id { get; init; }
    public long CouncilMeetingId { get; init; }
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public long? CaseId { get; init; }
    public string? CaseCode { get; init; }
    public string Status { get; init; } = "open";
    public string? Result { get; init; }
    public long? ClosedAt { get; init; }
    public long Version { get; init; }
    public long VotesFor { get; init; }
    public long VotesAgainst { get; init; }
    public long VotesAbstain { get; init; }

    public bool IsOpen => Status == "open";

    public VoteTally Tally => new((int)VotesFor, (int)VotesAgainst, (int)VotesAbstain);
}

public sealed record VoteRow
{
    public long MotionId { get; init; }
    public long RepresentativeId { get; init; }
    public string Choice { get; init; } = "";
    public long CastAt { get; init; }
}

/// <summary>Everything the council page shows for one council, read in one round trip.</summary>
public sealed record CouncilDetail(
    CouncilSummary Council,
    IReadOnlyList<CouncilStep> Steps,
    IReadOnlyList<CouncilRepresentative> Representatives,
    IReadOnlyList<CouncilMeeting> Meetings,
    IReadOnlyList<MotionView> Motions,
    IReadOnlyList<VoteRow> Votes)
{
    public int ActiveCount => Representatives.Count(r => r.IsActive);
}

/// <summary>Why a council write was refused; the message is shown to the user as it is (Chinese).</summary>
public class CouncilRefusedException(string message) : Exception(message);

/// <summary>The user may not record council work in that community; the attempt is audited.</summary>
public sealed class CouncilAccessDeniedException(string message) : CouncilRefusedException(message);
