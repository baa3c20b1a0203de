using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Liwater.Bench.Harness;

/// <summary>The rows of the result table: scenario, what was measured, the figure, the goal and whether it was met.</summary>
internal sealed class Report
{
    private readonly List<(string Scenario, string Measure, string Figure, string Goal, string Verdict)> rows = [];
    private readonly List<string> notes = [];

    public void Add(string scenario, string measure, string figure, string goal = "", bool? met = null)
    {
        var verdict = met switch { true => "met", false => "**missed**", null => "" };
        rows.Add((scenario, measure, figure, goal, verdict));
        Console.WriteLine($"  [{scenario}] {measure}: {figure}{(goal.Length > 0 ? $"  (goal {goal}: {verdict})" : "")}");
    }

    public void Note(string note)
    {
        notes.Add(note);
        Console.WriteLine($"  note: {note}");
    }

    public string ToMarkdown(TimeSpan elapsed)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Liwater benchmark — {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} · git {GitRevision()} · {Environment.ProcessorCount} cores · {MemoryGb():F0} GB · {System.Runtime.InteropServices.RuntimeInformation.OSDescription} · .NET {Environment.Version} · run took {elapsed.TotalSeconds:F0} s");
        text.AppendLine();
        text.AppendLine("| scenario | measure | p50 / p99 / max or throughput | goal | verdict |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var r in rows)
        {
            text.AppendLine(inv, $"| {r.Scenario} | {r.Measure} | {r.Figure} | {r.Goal} | {r.Verdict} |");
        }

        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var n in notes)
            {
                text.AppendLine(inv, $"- {n}");
            }
        }

        return text.ToString();
    }

    public static string GitRevision()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var revision = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(5000);
            using var status = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var dirty = status.StandardOutput.ReadToEnd().Trim().Length > 0;
            status.WaitForExit(5000);
            return dirty ? revision + "+dirty" : revision;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static double MemoryGb()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024;
    }
}
