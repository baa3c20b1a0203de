using System.Diagnostics;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Liwater.Dashboard.Tests.Dashboard.Extensions;

/// <summary>SIGTERM to the real app as a process, with a wall open in Chromium: it ends promptly and cleanly.</summary>
[Collection(AppCollection.Name)]
public sealed class ShutdownTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Sigterm_WallOpen_ExitsWithCodeZero()
    {
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        await using var app = await AppProcess.StartAsync(folder);
        var page = await browser.NewPageAsync(1920, 1080);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/screen?key={AppProcess.ScreenKey}").ToString());
        await BlazorPage.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-counter='open-cases'] [data-value]");

        // Also a live-hub client, and long enough for the jobs server to be polling and the wall to be beating.
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, $"/hubs/live?key={AppProcess.ScreenKey}")).Build();
        await hub.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("LIWATER_SHUTDOWN_WAIT") is { } w ? int.Parse(w, System.Globalization.CultureInfo.InvariantCulture) : 5));

        var clock = Stopwatch.StartNew();
        app.Signal(15);
        var exited = await app.WaitForExitAsync(TimeSpan.FromSeconds(15));
        var took = clock.Elapsed;
        await page.Context.CloseAsync();

        Assert.True(exited, "the app was still running 15 s after SIGTERM:\n" + app.Output());
        Assert.True(app.ExitCode == 0, $"exit code {app.ExitCode}:\n{app.Output()}");
        Figures.Record($"shutdown: SIGTERM with a wall open -> exit {app.ExitCode} after {took.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// A stop asked while the app is still starting (a first start migrates and loads the demo before it answers; a
    /// restart after a crash checks every page first) is an orderly stop too: exit code 0, no unhandled exception.
    /// </summary>
    [Fact]
    public async Task Sigterm_WhileStarting_ExitsWithCodeZeroWithoutACrash()
    {
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));

        var (exitCode, runningBeforeSignal, output) = await AppProcess.StopWhileStartingAsync(folder);

        Assert.False(runningBeforeSignal, "the signal came after the start ended, so this run shows nothing:\n" + output);
        Assert.True(exitCode == 0, $"exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (still running after 30 s)"}:\n{output}");
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }
}
