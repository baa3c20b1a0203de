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

    /// <summary>
    /// Gets or sets the town's assessment checklist (<c>Liwater:Ratings:Checklist</c>). Empty means
    /// <see cref="DefaultChecklist"/>; kept empty by default because the configuration binder appends to a list
    /// rather than replacing it.
    /// </summary>
    public List<ChecklistItem> Checklist { get; set; } = [];

    /// <summary>
    /// An assumed checklist (the source names no items): six areas a property-service assessment usually covers,
    /// summing to 100 points.
    /// </summary>
    public static IReadOnlyList<ChecklistItem> DefaultChecklist { get; } =
    [
        new() { Code = "safety", Name = "安全管理", NameEn = "Safety management", MaxPoints = 20 },
        new() { Code = "sanitation", Name = "环境卫生", NameEn = "Environment and sanitation", MaxPoints = 20 },
        new() { Code = "facilities", Name = "设施设备维护", NameEn = "Facility and equipment upkeep", MaxPoints = 20 },
        new() { Code = "order", Name = "秩序维护", NameEn = "Order keeping", MaxPoints = 15 },
        new() { Code = "service", Name = "客户服务与投诉处理", NameEn = "Customer service and complaints", MaxPoints = 15 },
        new() { Code = "governance", Name = "配合政府治理工作", NameEn = "Support for the town's governance work", MaxPoints = 10 },
    ];

    /// <summary>Gets the checklist in force: the configured one, or the default.</summary>
    public IReadOnlyList<ChecklistItem> EffectiveChecklist => Checklist.Count > 0 ? Checklist : DefaultChecklist;

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

        errors.AddRange(ValidateChecklist(section));
        return errors;
    }

    private IEnumerable<string> ValidateChecklist(string section)
    {
        var items = EffectiveChecklist;
        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i].Code) || string.IsNullOrWhiteSpace(items[i].Name))
            {
                yield return $"{section}:Checklist:{i} needs both Code and Name.";
            }

            if (double.IsNaN(items[i].MaxPoints) || items[i].MaxPoints <= 0)
            {
                yield return $"{section}:Checklist:{i}:MaxPoints is {items[i].MaxPoints}; it must be above 0.";
            }
        }

        foreach (var code in items.GroupBy(i => i.Code, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"{section}:Checklist has the code '{code}' more than once; codes must be unique.";
        }

        var sum = items.Sum(i => i.MaxPoints);
        if (Math.Abs(sum - 100) > 1e-9)
        {
            yield return $"{section}:Checklist MaxPoints add up to {sum}; they must add up to 100.";
        }
    }
}

/// <summary>One line of the assessment checklist: a stable code, its Chinese and English names and the most points it can give.</summary>
public sealed class ChecklistItem
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Gets or sets the English name; a page in English shows <see cref="Name"/> when it is empty.</summary>
    public string NameEn { get; set; } = "";

    public double MaxPoints { get; set; }
}
