namespace Liwater.Data.Cases;

/// <summary>
/// One automatic escalation rule (<c>Liwater:Jobs:AutoEscalation</c>): a case at <see cref="FromLevel"/> left open
/// <see cref="OverdueDays"/> past its deadline moves up one level, like a clerk's escalation, with an automatic reason.
/// </summary>
public sealed class AutoEscalationRule
{
    private static readonly string[] Levels = [CaseLevels.Compound, CaseLevels.Community, CaseLevels.Town];

    /// <summary>Gets or sets the level the rule watches (compound, community). Defaults to community.</summary>
    public string FromLevel { get; set; } = CaseLevels.Community;

    /// <summary>Gets or sets the level the case moves to: the next one up. Defaults to town (the joint-meeting queue).</summary>
    public string ToLevel { get; set; } = CaseLevels.Town;

    /// <summary>Gets or sets how many days past its deadline a case may stay before the rule applies. Defaults to 3 (assumption).</summary>
    public double OverdueDays { get; set; } = 3;

    /// <summary>Lists what is wrong with the rule, naming its configuration key.</summary>
    public IReadOnlyList<string> Validate(string key)
    {
        var errors = new List<string>();
        var from = Array.IndexOf(Levels, FromLevel);
        var to = Array.IndexOf(Levels, ToLevel);
        if (from < 0 || to < 0)
        {
            errors.Add($"{key}: FromLevel '{FromLevel}' and ToLevel '{ToLevel}' must each be one of compound, community, town.");
        }
        else if (to != from + 1)
        {
            errors.Add($"{key}: ToLevel '{ToLevel}' must be the level right above FromLevel '{FromLevel}' (compound → community → town); cases climb one level at a time.");
        }

        if (OverdueDays < 0)
        {
            errors.Add($"{key}: OverdueDays must be 0 or more.");
        }

        return errors;
    }
}
