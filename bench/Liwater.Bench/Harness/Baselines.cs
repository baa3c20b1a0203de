using System.Globalization;

namespace Liwater.Bench.Harness;

/// <summary>
/// Issue 15, item 1: each headline figure printed beside the same measure of a bare baseline taken in the same run
/// (absolute times vary from run to run on a shared machine; the ratio does much less). Goal: every ratio ≤ 1.5.
/// </summary>
internal static class Baselines
{
    public const double Goal = 1.5;

    /// <summary>Adds the row "ratio Liwater ÷ baseline" with its verdict (a lower figure is better).</summary>
    public static void AddRatio(Report report, string scenario, string measure, double liwater, double baseline, string unit, bool judged = true, string label = "Liwater ÷ baseline, ")
    {
        var ratio = liwater / baseline;
        report.Add(scenario, $"ratio {label}{measure}",
            string.Create(CultureInfo.InvariantCulture, $"{liwater:F1} ÷ {baseline:F1} {unit} = **{ratio:F2}×**"),
            judged ? "≤ 1.5×" : "", judged ? ratio <= Goal : null);
    }
}
