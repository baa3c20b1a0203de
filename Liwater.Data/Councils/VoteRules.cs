namespace Liwater.Data.Councils;

/// <summary>The outcome of a closed motion, as stored in <c>motions.result</c>.</summary>
public enum MotionResult
{
    Passed = 0,
    Rejected = 1,
    NoQuorum = 2,
}

/// <summary>Votes on one motion by choice.</summary>
public sealed record VoteTally(int For, int Against, int Abstain)
{
    public static readonly VoteTally Empty = new(0, 0, 0);

    /// <summary>Gets the votes cast; an abstention is a vote cast (the representative took part).</summary>
    public int Cast => For + Against + Abstain;
}

/// <summary>
/// Quorum and majority, kept free of storage so the rule is tested on its own: quorum when votes cast are more than
/// <see cref="CouncilOptions.QuorumFraction"/> of the active representatives; passed when votes for are more than
/// <see cref="CouncilOptions.MajorityFraction"/> of the votes cast; otherwise rejected.
/// </summary>
public static class VoteRules
{
    public static bool HasQuorum(VoteTally tally, int activeRepresentatives, CouncilOptions options) =>
        activeRepresentatives > 0 && tally.Cast > Share(options.QuorumFraction, activeRepresentatives);

    /// <summary>The least number of votes cast that meets the quorum (shown beside an open motion).</summary>
    public static int QuorumNeeded(int activeRepresentatives, CouncilOptions options) =>
        (int)decimal.Floor(Share(options.QuorumFraction, activeRepresentatives)) + 1;

    public static MotionResult Decide(VoteTally tally, int activeRepresentatives, CouncilOptions options)
    {
        if (!HasQuorum(tally, activeRepresentatives, options))
        {
            return MotionResult.NoQuorum;
        }

        return tally.For > Share(options.MajorityFraction, tally.Cast) ? MotionResult.Passed : MotionResult.Rejected;
    }

    // Decimal, so that 0.57 × 100 is exactly 57 and not 56.99999999999999 (which would let 57 votes count as "more").
    private static decimal Share(double fraction, int count) => (decimal)fraction * count;

    public static string ToCode(MotionResult result) => result switch
    {
        MotionResult.Passed => "passed",
        MotionResult.Rejected => "rejected",
        _ => "no_quorum",
    };

    public static MotionResult? FromCode(string? code) => code switch
    {
        "passed" => MotionResult.Passed,
        "rejected" => MotionResult.Rejected,
        "no_quorum" => MotionResult.NoQuorum,
        _ => null,
    };
}
