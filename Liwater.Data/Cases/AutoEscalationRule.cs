namespace Liwater.Data.Cases;

/// <summary>
/// One automatic escalation (configured under <c>Liwater:Jobs:AutoEscalation</c>): a case still open at
/// <see cref="FromLevel"/> more than <see cref="OverdueDays"/> days after its deadline moves to <see cref="ToLevel"/>.
/// </summary>
public sealed class AutoEscalationRule
{
    /// <summary>Gets or sets the level the rule watches (compound, community). Defaults to community.</summary>
    public string FromLevel { get; set; } = "community";

    /// <summary>Gets or sets the level the case moves to. Defaults to town (the joint-meeting queue).</summary>
    public string ToLevel { get; set; } = "town";

    /// <summary>Gets or sets how many days past its deadline a case may stay before the rule applies. Defaults to 3 (assumption).</summary>
    public double OverdueDays { get; set; } = 3;

    /// <summary>Gets or sets the time limit at the new level, in days. Defaults to 15, the town limit (assumption).</summary>
    public double NewDeadlineDays { get; set; } = 15;

    /// <summary>Gets or sets the kind of unit the case is assigned to at the new level.</summary>
    public string AssignedUnitKind { get; set; } = "joint_meeting";

    /// <summary>Gets or sets the name of that unit.</summary>
    public string AssignedUnitName { get; set; } = "镇联席会议";

    private static readonly string[] Levels = ["compound", "community", "town"];

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
        else if (to <= from)
        {
            errors.Add($"{key}: ToLevel '{ToLevel}' must be above FromLevel '{FromLevel}' (compound → community → town).");
        }

        if (OverdueDays < 0 || NewDeadlineDays <= 0)
        {
            errors.Add($"{key}: OverdueDays must be 0 or more and NewDeadlineDays more than 0.");
        }

        return errors;
    }
}
