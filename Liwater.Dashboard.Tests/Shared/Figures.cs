using System.Globalization;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Figures a test measured on the way (delivery times, banner time, shutdown time, memory slope, revocation time),
/// written to the test output and appended to artifacts/figures.log beside the screenshots, so that a run's figures
/// can be read back and reported. They are reported, never asserted: timing belongs to the benchmark.
/// </summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    public static string LogPath { get; } = Path.Combine(Path.GetDirectoryName(BrowserFixture.ScreenshotFolder)!, "figures.log");

    /// <summary>Records one named figure.</summary>
    public static void Record(string name, double value) =>
        Record(string.Create(CultureInfo.InvariantCulture, $"{name} = {value:0.###}"));

    /// <summary>Records one line of measured figures.</summary>
    public static void Record(string text)
    {
        var line = $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z {text}";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
            File.AppendAllText(LogPath, line + Environment.NewLine);
        }
    }
}
