namespace Liwater.Data.Councils;

/// <summary>
/// Voting rules of the roundtable councils (融和圆桌议事会), bound from <c>Liwater:Councils</c>. The source shows a
/// show of hands but gives no rule; the defaults are the common "more than half" rules (assumption).
/// </summary>
public sealed class CouncilOptions
{
    /// <summary>
    /// Gets or sets the share of active representatives that must vote for a valid decision: the quorum is met when
    /// votes cast are strictly more than this share. Defaults to 0.5 (more than half).
    /// </summary>
    public double QuorumFraction { get; set; } = 0.5;

    /// <summary>
    /// Gets or sets the share of votes cast (abstentions included) that must be "for": a motion passes when the
    /// votes for are strictly more than this share. Defaults to 0.5 (more than half).
    /// </summary>
    public double MajorityFraction { get; set; } = 0.5;

    /// <summary>Lists what is inconsistent, naming the configuration keys under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Validate(string section = "Liwater:Councils")
    {
        var errors = new List<string>();
        foreach (var (key, value) in new[] { ("QuorumFraction", QuorumFraction), ("MajorityFraction", MajorityFraction) })
        {
            if (double.IsNaN(value) || value is < 0 or >= 1)
            {
                errors.Add($"{section}:{key} is {value}; it must be at least 0 and below 1 (0.5 means more than half).");
            }
        }

        return errors;
    }
}
