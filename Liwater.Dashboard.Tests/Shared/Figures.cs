using System.Globalization;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Figures a test measured on the way (for the report, never asserted as timings): appended to
/// artifacts/figures.tsv beside the screenshots as <c>name, value, UTC time</c>.
/// </summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    public static void Record(string name, double value)
    {
        var path = Path.Combine(Path.GetDirectoryName(BrowserFixture.ScreenshotFolder)!, "figures.tsv");
        lock (Gate)
        {
            File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture, $"{name}\t{value:0.###}\t{DateTime.UtcNow:O}\n"));
        }
    }
}
