using System.Reflection;

namespace Liwater.Data.Demo;

/// <summary>One row of the embedded <c>communities.csv</c>.</summary>
internal sealed record DemoCommunityRow(string Code, string Name, string NameEn, int SortOrder, bool IsAssumption, string? AssumptionNote);

/// <summary>
/// One row of the embedded <c>compounds.csv</c>: the compound, its place in the published 2021 table and the role it
/// plays in the demo scenario (Party coverage, grid, station, council, teams).
/// </summary>
internal sealed record DemoCompoundRow(
    string CommunityCode,
    string Name,
    int? PublishedSeq,
    string? Company,
    string Party,
    string Grid,
    bool HasStation,
    bool HasCouncil,
    bool HasServiceTeam,
    bool HasBuildingTeam,
    bool IsAssumption,
    string? AssumptionNote)
{
    /// <summary>Gets a value indicating whether the compound has its own compound branch (小区党支部).</summary>
    public bool HasOwnBranch => Party == "branch";

    /// <summary>Gets a value indicating whether the compound is covered by the joint branch of its community.</summary>
    public bool InJointBranch => Party == "joint";
}

/// <summary>
/// Reads the static reference data that ships inside the assembly. It is never read from disk: the machines the
/// dashboard is installed on do not have the source material.
/// </summary>
internal static class DemoReference
{
    public static IReadOnlyList<DemoCommunityRow> Communities() =>
        ReadCsv("communities.csv")
            .Select(f => new DemoCommunityRow(f[0], f[1], f[2], int.Parse(f[3]), f[4] == "1", Null(f[5])))
            .ToList();

    public static IReadOnlyList<DemoCompoundRow> Compounds() =>
        ReadCsv("compounds.csv")
            .Select(f => new DemoCompoundRow(
                f[0], f[1], f[2].Length == 0 ? null : int.Parse(f[2]), Null(f[3]), f[4], f[5],
                f[6] == "1", f[7] == "1", f[8] == "1", f[9] == "1", f[10] == "1", Null(f[11])))
            .ToList();

    private static string? Null(string value) => value.Length == 0 ? null : value;

    // The files are plain comma-separated text without quoting (notes use the full-width comma), so a split is enough.
    private static List<string[]> ReadCsv(string fileName)
    {
        var assembly = typeof(DemoReference).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Demo." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine() ?? throw new InvalidOperationException($"{fileName} is empty.");
        var width = header.Split(',').Length;
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != width)
            {
                throw new InvalidOperationException($"{fileName}: expected {width} fields in '{line}'.");
            }

            rows.Add(fields);
        }

        return rows;
    }
}
