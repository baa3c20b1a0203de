using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Liwater.Dashboard.Localization;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Meetings;

namespace Liwater.Dashboard.Tests.Dashboard.Localization;

/// <summary>
/// Every resource key the code uses exists, with a non-empty text, in both languages. Keys are found in the sources:
/// literal keys (<c>T["Key"]</c>) are checked against the resource file of the localizer they are read from, and keys
/// built from a kind (<c>T["Level_" + c.Level]</c>) are expanded with every value the kind can take, taken from the
/// data layer's lists or the schema's CHECK constraints. A built key whose prefix is not in the table below fails, so
/// a new kind cannot slip through. Data-layer error codes are checked against <see cref="DataErrorText"/>.
/// </summary>
public sealed partial class ResourceKeyTests
{
    private static readonly string Root = FindRoot();
    private static readonly string App = Path.Combine(Root, "Liwater.Dashboard");

    /// <summary>The values of every kind a key is built from: (resource class, key prefix) → values.</summary>
    private static readonly Dictionary<(string Resource, string Prefix), IReadOnlyList<string>> BuiltKeys = new()
    {
        [("CasesText", "Level_")] = CaseLevels.All,
        [("CasesText", "Status_")] = CaseStatuses.All,
        [("CasesText", "Unit_")] = UnitKinds.All,
        [("CasesText", "Event_")] = CaseEventKinds.All,
        [("CasesText", "Action_")] = Enum.GetNames<CaseActionKind>(),
        [("CasesText", "Mark_")] = DeadlinePolicy.AllMarks,
        [("MeetingText", "Kind_")] = [.. Enum.GetValues<DecisionKind>().Select(MeetingRules.Code)],
        [("MeetingText", "Text_")] = [.. Enum.GetValues<DecisionKind>().Select(MeetingRules.Code)],
        [("CompoundsText", "Kind_")] = SchemaCheck("community_committee"),
        [("CompoundsText", "Role_")] = SchemaCheck("building_leader"),
        [("CompoundsText", "Team_")] = SchemaCheck("party_mass_service"),
        [("CompoundsText", "Level_")] = CaseLevels.All,
        [("CompoundsText", "Step")] = ["1", "2", "3", "4", "5"],
        [("AuthText", "Role_")] = Roles.All,
        [("ReportText", "Short_")] = DeadlinePolicy.AllMarks,
        [("VolunteerText", "ErrorKind_")] = Liwater.Data.Volunteers.ActivityImporter.ErrorKinds,
        [("ScreenText", "Event.")] = Liwater.Data.Statistics.LiveCounterQueries.TickerKinds,
        [("ResidentText", "Status_")] = CaseStatuses.All,
        [("ResidentText", "Event_")] = [.. Liwater.Data.Residents.ResidentQueries.PublicKinds],
        [("NotificationText", "Kind_")] = [.. Liwater.Data.Notifications.NotificationKinds.All, Liwater.Data.Notifications.NotificationKinds.Digest],
        [("NotificationText", "Channel_")] = Liwater.Data.Notifications.NotificationChannels.All,
        [("NotificationText", "Status_")] = Liwater.Data.Notifications.DeliveryStatuses.All,
        [("FieldText", "Refusal_")] = [.. Enum.GetNames<Liwater.Dashboard.Photos.PhotoRefusal>().Where(n => n != "None")],
    };

    /// <summary>Texts that are empty in one language on purpose: Chinese counts cases with a measure word English has no need for.</summary>
    private static readonly HashSet<(string Resource, string Key)> EmptyInEnglish = [("ScreenText", "CasesUnit")];

    [Fact]
    public void ResourcePairs_EveryKey_HasTextInBothLanguages()
    {
        var problems = new List<string>();
        foreach (var (name, zh, en) in ResourcePairs())
        {
            problems.AddRange(zh.Where(k => string.IsNullOrWhiteSpace(k.Value)).Select(k => $"{name}: '{k.Key}' is empty in Chinese"));
            problems.AddRange(zh.Keys.Where(k => !en.TryGetValue(k, out var v) || (string.IsNullOrWhiteSpace(v) && !EmptyInEnglish.Contains((name, k)))).Select(k => $"{name}: '{k}' missing in English"));
            problems.AddRange(en.Keys.Where(k => !zh.ContainsKey(k)).Select(k => $"{name}: '{k}' missing in Chinese"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Sources_EveryKeyUsed_ExistsInItsResource()
    {
        var resources = ResourcePairs().ToDictionary(r => r.Name, r => r.Zh.Keys.Intersect(r.En.Keys).ToHashSet());
        var problems = new List<string>();
        var checkedKeys = 0;
        foreach (var (file, source) in SourceUnits())
        {
            var localizers = LocalizerDeclaration().Matches(source)
                .Select(m => (Variable: m.Groups["var"].Value, Resource: m.Groups["type"].Value.Split('.')[^1]))
                .Distinct();
            foreach (var (variable, resource) in localizers)
            {
                if (!resources.TryGetValue(resource, out var keys))
                {
                    continue; // DataErrorText is checked by its own test below.
                }

                foreach (Match use in Regex.Matches(source, $@"(?<![A-Za-z0-9_.]){Regex.Escape(variable)}\[""(?<key>[^""]+)""(?<built>\s*\+)?"))
                {
                    var key = use.Groups["key"].Value;
                    if (!use.Groups["built"].Success)
                    {
                        checkedKeys++;
                        if (!keys.Contains(key))
                        {
                            problems.Add($"{file}: {variable}[\"{key}\"] is not in {resource}");
                        }
                    }
                    else if (BuiltKeys.TryGetValue((resource, key), out var values))
                    {
                        checkedKeys += values.Count;
                        problems.AddRange(values.Where(v => !keys.Contains(key + v)).Select(v => $"{file}: built key {key}{v} is not in {resource}"));
                    }
                    else
                    {
                        problems.Add($"{file}: {variable}[\"{key}\" + …] builds keys from a kind this test does not know; add its values to {nameof(BuiltKeys)}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(checkedKeys > 300, $"only {checkedKeys} keys found: the scan is broken");
    }

    [Fact]
    public void DataErrorCodes_EveryCode_HasTextInBothLanguages()
    {
        var (_, zh, en) = ResourcePairs().Single(r => r.Name == nameof(DataErrorText));
        var codes = new[] { typeof(CaseCommands).Assembly, typeof(DataErrorText).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<ErrorCodesAttribute>() is not null)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        var missing = codes.Where(c => !zh.ContainsKey(c) || !en.ContainsKey(c)).ToList();

        Assert.Empty(missing);
    }

    private static IEnumerable<(string Name, Dictionary<string, string> Zh, Dictionary<string, string> En)> ResourcePairs()
    {
        foreach (var zhFile in Directory.EnumerateFiles(Path.Combine(App, "Resources"), "*.resx", SearchOption.AllDirectories).Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)))
        {
            var enFile = zhFile[..^".resx".Length] + ".en.resx";
            yield return (Path.GetFileNameWithoutExtension(zhFile), Read(zhFile), File.Exists(enFile) ? Read(enFile) : []);
        }

        static Dictionary<string, string> Read(string path) =>
            XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }

    /// <summary>Each .cs file, with a .razor and its .razor.cs read as one unit (the localizer is often declared in one, used in the other).</summary>
    private static IEnumerable<(string File, string Source)> SourceUnits()
    {
        var files = Directory.EnumerateFiles(App, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .ToList();
        foreach (var group in files.GroupBy(f => f.EndsWith(".razor.cs", StringComparison.Ordinal) ? f[..^3] : f))
        {
            yield return (Path.GetRelativePath(Root, group.Key), string.Join('\n', group.Select(File.ReadAllText)));
        }
    }

    /// <summary>The values of the schema's CHECK (… IN (…)) list that contains <paramref name="oneValue"/>.</summary>
    private static string[] SchemaCheck(string oneValue)
    {
        var sql = string.Join('\n', Directory.EnumerateFiles(Path.Combine(Root, "Liwater.Data", "Migrations"), "*.sql").Select(File.ReadAllText));
        var list = CheckList().Matches(sql).Select(m => m.Groups["list"].Value).First(l => l.Contains($"'{oneValue}'", StringComparison.Ordinal));
        return [.. Regex.Matches(list, "'([^']+)'").Select(m => m.Groups[1].Value)];
    }

    private static string FindRoot() => AppProcess.RepositoryRoot();

    [GeneratedRegex(@"IStringLocalizer<(?<type>[A-Za-z0-9_.]+)>\s+(?<var>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex LocalizerDeclaration();

    [GeneratedRegex(@"IN\s*\((?<list>'[^)]*')\)")]
    private static partial Regex CheckList();
}
