using System.Diagnostics;
using System.Globalization;

namespace Liwater.Bench.Harness;

/// <summary>Percentiles by nearest rank over a finished sample, and a wall clock with sub-millisecond steps.</summary>
internal static class Stats
{
    private static readonly long StartUnixTicks = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * TimeSpan.TicksPerMillisecond;
    private static readonly long StartTimestamp = Stopwatch.GetTimestamp();

    /// <summary>Gets UTC unix milliseconds with fractions: the start-up wall time advanced by the monotonic clock, so
    /// that two readings never go backwards. Comparable with the app's <c>at</c> (same machine clock, ms).</summary>
    public static double NowMs =>
        (StartUnixTicks + Stopwatch.GetElapsedTime(StartTimestamp).Ticks) / (double)TimeSpan.TicksPerMillisecond;

    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>"p50 / p99 / max" in ms with the sample size, or "no samples".</summary>
    public static string Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? "no samples"
            : string.Create(CultureInfo.InvariantCulture, $"{Percentile(sorted, 0.5):F1} / {Percentile(sorted, 0.99):F1} / {sorted[^1]:F1} ms (n={sorted.Count:N0})");
    }

    public static double P99(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return Percentile(sorted, 0.99);
    }

    public static async Task<List<double>> TimeAsync(int runs, Func<Task> action)
    {
        await action();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }
}
