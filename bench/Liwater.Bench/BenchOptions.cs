using System.Globalization;

namespace Liwater.Bench;

/// <summary>Command-line settings; the defaults are the city scale of issue 5.</summary>
internal sealed record BenchOptions
{
    public string Command { get; init; } = "";
    public int Compounds { get; init; } = 2000;
    public int Households { get; init; } = 2_000_000;
    public int Cases { get; init; } = 1_000_000;
    public int Activities { get; init; } = 5_000_000;
    public int Runs { get; init; } = 20;
    public string[] Only { get; init; } = [];

    /// <summary>Gets the hub clients of scenario 8's fan-out, split half and half over the two nodes.</summary>
    public int Clients { get; init; } = 2000;

    /// <summary>Gets the data of scenario 8's statistics on PostgreSQL vs SQLite: town (the demo), 10x or city.</summary>
    public string Scale { get; init; } = "city";
    public string DbPath { get; init; } = Path.Combine("bench", "out", "liwater-bench.db");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { Command = args.Length > 0 ? args[0] : "" };
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            int Int() => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--compounds" => options with { Compounds = Int() },
                "--households" => options with { Households = Int() },
                "--cases" => options with { Cases = Int() },
                "--activities" => options with { Activities = Int() },
                "--runs" => options with { Runs = Int() },
                "--db" => options with { DbPath = value },
                "--clients" => options with { Clients = Int() },
                "--scale" => options with { Scale = value is "town" or "10x" or "city" ? value : throw new ArgumentException("--scale is town, 10x or city") },
                "--only" => options with { Only = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options with { DbPath = Path.GetFullPath(options.DbPath) };
    }
}
