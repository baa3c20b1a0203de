using System.Text.Json.Nodes;
using Liwater.Dashboard.Extensions;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Dashboard.Extensions;

/// <summary>The real app's start-up: the settings file it reads, and the configurations it refuses.</summary>
[Collection(AppCollection.Name)]
public sealed class StartupTests
{
    [Fact]
    public void Locate_FromDashboardFolder_FindsTheTopLevelAppSettings()
    {
        var repo = RepositoryRoot();
        var found = SettingsFile.Locate(Path.Combine(repo, "Liwater.Dashboard"));
        Assert.Equal(Path.Combine(repo, "appsettings.json"), found);
    }

    [Fact]
    public void Start_SettingsFileWithChangedDatabasePath_UsesThatPath()
    {
        using var folder = new TempDatabase(migrate: false);
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "appsettings.json")))!;
        var chosen = Path.Combine(folder.Folder, "chosen-by-settings.db");
        settings["Liwater"]!["Database"]!["Path"] = chosen;
        settings["Liwater"]!["LoadDemoData"] = false;
        var file = Path.Combine(folder.Folder, "appsettings.json");
        File.WriteAllText(file, settings.ToJsonString());

        using var app = new SettingsFileApp(file);
        app.StartServer();

        Assert.Equal(chosen, app.Services.GetRequiredService<Db>().FilePath);
        Assert.True(File.Exists(chosen));
    }

    [Fact]
    public async Task Run_InconsistentRatingThresholds_ExitsWithOneMessageNamingTheKey()
    {
        var (exitCode, error) = await RunAppAsync(("Liwater__Ratings__ThreeStarMinScore", "90"));
        Assert.Equal(1, exitCode);
        Assert.StartsWith("Liwater cannot start:", error, StringComparison.Ordinal);
        Assert.Contains("Liwater:Ratings:ThreeStarMinScore", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadJobsCouncilsRatingsCasesAndScreenKeys_ExitsWithOneMessageNamingEveryKey()
    {
        var (exitCode, error) = await RunAppAsync(
            ("Liwater__Jobs__WorkerCount", "0"),
            ("Liwater__Councils__QuorumFraction", "1.5"),
            ("Liwater__Ratings__ThreeStarMinScore", "90"),
            ("Liwater__Cases__Deadlines__ReplyMinutes", "0"),
            ("Liwater__Screen__RefreshSeconds", "0"),
            ("Liwater__Live__PollSeconds", "0"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Liwater cannot start:", error, StringComparison.Ordinal);
        foreach (var key in new[]
        {
            "Liwater:Jobs:WorkerCount", "Liwater:Councils:QuorumFraction", "Liwater:Ratings:ThreeStarMinScore",
            "Liwater:Cases:Deadlines:ReplyMinutes", "Liwater:Screen:RefreshSeconds", "Liwater:Live:PollSeconds",
        })
        {
            Assert.Contains(key, error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Liwater:Jobs:PollIntervalSeconds", error, StringComparison.Ordinal);
        Assert.Equal(1, error.Split("Liwater cannot start:").Length - 1);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadJobsKey_NamesTheKey()
    {
        var (exitCode, error) = await RunAppAsync(("Liwater__Jobs__SnapshotKeepMinuteDays", "0"));
        Assert.Equal(1, exitCode);
        Assert.Contains("Liwater:Jobs:SnapshotKeepMinuteDays", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ProductionWithDemoValues_ExitsNamingTheDemoSetting()
    {
        var (exitCode, error) = await RunAppAsync(("ASPNETCORE_ENVIRONMENT", "Production"));
        Assert.Equal(1, exitCode);
        Assert.Contains("Liwater:LoadDemoData", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CorruptDatabaseFile_ExitsNamingTheFileAndLeavesItAlone()
    {
        using var folder = new TempDatabase(migrate: false);
        var path = Path.Combine(folder.Folder, "corrupt.db");
        var garbage = new string('x', 5000);
        await File.WriteAllTextAsync(path, garbage);

        var (exitCode, error) = await RunAppAsync(("Liwater__Database__Path", path));
        Assert.Equal(1, exitCode);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllTextAsync(path));
    }

    /// <summary>Runs the built app as a process, as an operator would, until it exits (or 60 s pass).</summary>
    private static async Task<(int ExitCode, string Error)> RunAppAsync(params (string Key, string Value)[] environment)
    {
        using var data = new TempDatabase(migrate: false);
        return await AppProcess.RunToExitAsync(data.Folder, [], environment);
    }

    private static string RepositoryRoot() => AppProcess.RepositoryRoot();

    /// <summary>The app started with <c>--settings file</c> and nothing else overridden.</summary>
    private sealed class SettingsFileApp(string file) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("settings", file);
            builder.UseSetting("Liwater:Jobs:Enabled", "false");
            UseKestrel(0);
        }
    }
}
