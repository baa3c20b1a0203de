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

/// <summary>Why a council write was refused, as a code the UI words (<see cref="Error"/>); the message is the code, for logs.</summary>
public class CouncilRefusedException(DataError error) : Exception(error.ToString())
{
    public CouncilRefusedException(string code, params IReadOnlyList<object?> args)
        : this(new DataError(code, args))
    {
    }

    public DataError Error { get; } = error;
}

/// <summary>The user may not record council work in that community; the attempt is audited.</summary>
public sealed class CouncilAccessDeniedException() : CouncilRefusedException(new DataError(CouncilErrors.Refused));

/// <summary>The codes of what council writes refuse (worded by the UI).</summary>
[ErrorCodes]
public static class CouncilErrors
{
    public const string Refused = "council.refused";
    public const string VoteChoice = "council.vote_choice";

    /// <summary>Args: the motion's title.</summary>
    public const string MotionClosedVote = "council.motion_closed_vote";
    public const string NotRepresentative = "council.not_representative";

    /// <summary>Args: the representative's name.</summary>
    public const string RepresentativeInactive = "council.representative_inactive";

    /// <summary>Args: the representative's name, their choice (a <c>choice.*</c> word).</summary>
    public const string AlreadyVoted = "council.already_voted";

    /// <summary>Args: the motion's title.</summary>
    public const string MotionClosedResult = "council.motion_closed_result";

    /// <summary>Args: the motion's title.</summary>
    public const string MotionConflict = "council.motion_conflict";
    /// <summary>The labels of the council forms' text fields in the <see cref="TextRules"/> codes.</summary>
    public const string MotionTitleLabel = "label.motion_title";
    public const string MotionDescriptionLabel = "label.motion_description";
    public const string MeetingTitleLabel = "label.council_meeting_title";
    public const string StepNoteLabel = "label.step_note";
    public const string MeetingNotFound = "council.meeting_not_found";
    public const string CaseNotInCompound = "council.case_not_in_compound";
    public const string StepsDone = "council.steps_done";

    /// <summary>Args: the next step's number (1–5).</summary>
    public const string StepOrder = "council.step_order";

    /// <summary>Args: the previous step's date.</summary>
    public const string StepDate = "council.step_date";
    public const string MotionNotFound = "council.motion_not_found";
    public const string NotFound = "council.not_found";
}

/// <summary>Vote choices and motion results as words (arguments of council and case codes).</summary>
[ErrorCodes]
public static class CouncilWords
{
    public const string For = "choice.for";
    public const string Against = "choice.against";
    public const string Abstain = "choice.abstain";
    public const string Passed = "motion.passed";
    public const string Rejected = "motion.rejected";
    public const string NoQuorum = "motion.no_quorum";
    public const string Step1 = "council.step.1";
    public const string Step2 = "council.step.2";
    public const string Step3 = "council.step.3";
    public const string Step4 = "council.step.4";
    public const string Step5 = "council.step.5";

    /// <summary>Step <paramref name="step"/> (1–<see cref="CouncilQueries.StepCount"/>) as a word.</summary>
    public static DataError Step(int step) => new("council.step." + step.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
