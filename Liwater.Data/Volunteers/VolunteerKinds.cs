namespace Liwater.Data.Volunteers;

/// <summary>Codes and Chinese names of team kinds and activity kinds, and the names a CSV may use for them.</summary>
public static class VolunteerKinds
{
    public static readonly IReadOnlyList<(string Code, string Name)> Teams =
    [
        ("party_mass_service", "党群志愿服务队"), ("building", "楼栋队伍"), ("building_deliberation", "楼栋议事代表队伍"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> Activities =
    [
        ("service", "志愿服务"), ("patrol", "巡查巡逻"), ("cleanup", "环境清洁"), ("practical_thing", "为群众办实事"),
        ("deliberation", "楼栋议事"), ("other", "其他"),
    ];

    // Other words people write in the 类型 column for the same kinds.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["服务"] = "service", ["巡查"] = "patrol", ["巡逻"] = "patrol", ["清洁"] = "cleanup", ["环境整治"] = "cleanup",
        ["办实事"] = "practical_thing", ["我为群众办实事"] = "practical_thing", ["议事"] = "deliberation",
        ["practical thing"] = "practical_thing",
    };

    public static string TeamName(string code) => Teams.FirstOrDefault(t => t.Code == code).Name ?? code;

    public static string ActivityName(string code) => Activities.FirstOrDefault(a => a.Code == code).Name ?? code;

    /// <summary>The activity-kind code for a code, Chinese name or alias; null when unknown.</summary>
    public static string? ParseActivity(string text)
    {
        var value = text.Trim();
        foreach (var (code, name) in Activities)
        {
            if (string.Equals(value, code, StringComparison.OrdinalIgnoreCase) || value == name)
            {
                return code;
            }
        }

        return Aliases.TryGetValue(value, out var alias) ? alias : null;
    }
}
