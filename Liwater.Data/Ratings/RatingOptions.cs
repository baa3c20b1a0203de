namespace Liwater.Data.Ratings;

/// <summary>
/// Thresholds of the property-company assessment (红黑榜). The source fixes only the red list (top nine of the
/// year-end ranking with at least 80 points); the other thresholds are the town's to set (assumption defaults).
/// </summary>
public sealed class RatingOptions
{
    /// <summary>Gets or sets how many top-ranked units may enter the red list. Defaults to 9 (source).</summary>
    public int RedListTop { get; set; } = 9;

    /// <summary>Gets or sets the minimum year-end score for the red list (five stars). Defaults to 80 (source).</summary>
    public double RedListMinScore { get; set; } = 80;

    /// <summary>Gets or sets the minimum score for four stars. Defaults to 75 (assumption).</summary>
    public double FourStarMinScore { get; set; } = 75;

    /// <summary>Gets or sets the minimum score for three stars. Defaults to 65 (assumption).</summary>
    public double ThreeStarMinScore { get; set; } = 65;

    /// <summary>Gets or sets the pass mark; a unit below it enters the black list. Defaults to 60 (assumption).</summary>
    public double PassMark { get; set; } = 60;

    /// <summary>Lists what is inconsistent, naming the configuration keys under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Validate(string section = "Liwater:Ratings")
    {
        var errors = new List<string>();
        if (RedListTop < 1)
        {
            errors.Add($"{section}:RedListTop is {RedListTop}; it must be at least 1.");
        }

        foreach (var (key, value) in new[] { ("RedListMinScore", RedListMinScore), ("FourStarMinScore", FourStarMinScore), ("ThreeStarMinScore", ThreeStarMinScore), ("PassMark", PassMark) })
        {
            if (value is < 0 or > 100 || double.IsNaN(value))
            {
                errors.Add($"{section}:{key} is {value}; scores run from 0 to 100.");
            }
        }

        if (PassMark > ThreeStarMinScore)
        {
            errors.Add($"{section}:PassMark ({PassMark}) is above {section}:ThreeStarMinScore ({ThreeStarMinScore}); a three-star unit cannot fail. Lower PassMark or raise ThreeStarMinScore.");
        }

        if (ThreeStarMinScore > FourStarMinScore)
        {
            errors.Add($"{section}:ThreeStarMinScore ({ThreeStarMinScore}) is above {section}:FourStarMinScore ({FourStarMinScore}). Swap or correct them.");
        }

        if (FourStarMinScore > RedListMinScore)
        {
            errors.Add($"{section}:FourStarMinScore ({FourStarMinScore}) is above {section}:RedListMinScore ({RedListMinScore}); a five-star unit would score less than a four-star one.");
        }

        return errors;
    }
}
