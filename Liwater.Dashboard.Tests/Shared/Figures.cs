namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Figures a fault or soak test measured (delivery times, banner time, shutdown time, memory slope), written to the
/// test output and appended to artifacts/figures.log so that a run's figures can be read back and reported. They are
/// reported, not asserted: timing belongs to the benchmark.
/// </summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    public static string LogPath { get; } = Path.Combine(Path.GetDirectoryName(BrowserFixture.ScreenshotFolder)!, "figures.log");

    public static void Record(string text)
    {
        var line = $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z {text}";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        lock (Gate)
        {
            File.AppendAllText(LogPath, line + Environment.NewLine);
        }
    }
}
