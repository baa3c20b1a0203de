namespace Liwater.Data.Volunteers;

/// <summary>
/// The codes of team kinds and activity kinds, their words (worded by the UI, decision 0180), and the names a town's
/// activity sheet may write for an activity kind.
/// </summary>
[ErrorCodes]
public static class VolunteerKinds
{
    public const string PartyMassServiceTeam = "volunteer.team_kind.party_mass_service";
    public const string BuildingTeam = "volunteer.team_kind.building";
    public const string BuildingDeliberationTeam = "volunteer.team_kind.building_deliberation";
    public const string Service = "volunteer.activity_kind.service";
    public const string Patrol = "volunteer.activity_kind.patrol";
    public const string Cleanup = "volunteer.activity_kind.cleanup";
    public const string PracticalThing = "volunteer.activity_kind.practical_thing";
    public const string Deliberation = "volunteer.activity_kind.deliberation";
    public const string Other = "volunteer.activity_kind.other";

    private const string TeamPrefix = "volunteer.team_kind.";
    private const string ActivityPrefix = "volunteer.activity_kind.";

    /// <summary>The activity-kind codes, in the order a form offers them.</summary>
    public static IReadOnlyList<string> Activities { get; } =
        [Code(Service), Code(Patrol), Code(Cleanup), Code(PracticalThing), Code(Deliberation), Code(Other)];

    // What the town's sheets write in their 类型 column for each kind: its Chinese name and the other words in use.
    // Input data of the import format, not words of the UI (those are in DataErrorText.tsv).
    private static readonly Dictionary<string, string> SheetWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["志愿服务"] = "service", ["服务"] = "service",
        ["巡查巡逻"] = "patrol", ["巡查"] = "patrol", ["巡逻"] = "patrol",
        ["环境清洁"] = "cleanup", ["清洁"] = "cleanup", ["环境整治"] = "cleanup",
        ["为群众办实事"] = "practical_thing", ["办实事"] = "practical_thing", ["我为群众办实事"] = "practical_thing",
        ["practical thing"] = "practical_thing",
        ["楼栋议事"] = "deliberation", ["议事"] = "deliberation",
        ["其他"] = "other",
    };

    /// <summary>A team kind's word (a stored code such as <c>building</c>).</summary>
    public static DataError TeamKind(string code) => new(TeamPrefix + code);

    /// <summary>An activity kind's word (a stored code such as <c>patrol</c>).</summary>
    public static DataError ActivityKind(string code) => new(ActivityPrefix + code);

    /// <summary>The activity-kind code for a code or a word of the town's sheets; null when unknown.</summary>
    public static string? ParseActivity(string text)
    {
        var value = text.Trim();
        var code = Activities.FirstOrDefault(c => string.Equals(value, c, StringComparison.OrdinalIgnoreCase));
        return code ?? (SheetWords.TryGetValue(value, out var kind) ? kind : null);
    }

    private static string Code(string word) => word[ActivityPrefix.Length..];
}
