using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Liwater.Dashboard.Tests.Dashboard.Auth;

/// <summary>A trial database (started once in Development with the demo data), copied for each test.</summary>
public sealed class TrialDatabaseFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "liwater-tests", "trial-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var (started, output) = await AppProcess.RunUntilStartedAsync(Folder, []);
        Assert.True(started, output);
    }

    /// <summary>A fresh folder holding a copy of the trial database.</summary>
    public string Copy()
    {
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Folder, "liwater.db*"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Issue 11 item 4, with the real app as a process: outside Development, demo data, demo secrets and a database that
/// still holds demo accounts are refused with one message naming the fix; the fix works.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DemoAccountStartupTests(TrialDatabaseFixture trial) : IClassFixture<TrialDatabaseFixture>
{
    private const string RealAdminPassword = "real-admin-pass-4821";

    private static readonly (string, string)[] RealSecrets =
    [
        ("Liwater__LoadDemoData", "false"),
        ("Liwater__Screen__Keys__0", "wall-key-7f3a9c0e5b"),
        ("Liwater__Admin__InitialPassword", RealAdminPassword),
    ];

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task Run_DefaultDemoSettingsOutsideDevelopment_ExitsNamingEveryDemoSetting(string environment)
    {
        using var data = new TempDatabase(migrate: false);
        var (exitCode, error) = await AppProcess.RunToExitAsync(data.Folder, [], ("ASPNETCORE_ENVIRONMENT", environment));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Liwater cannot start:", error, StringComparison.Ordinal);
        Assert.Contains("Liwater:LoadDemoData", error, StringComparison.Ordinal);
        Assert.Contains("Liwater:Screen:Keys", error, StringComparison.Ordinal);
        Assert.Contains("Liwater:Admin:InitialPassword", error, StringComparison.Ordinal);
        Assert.Contains(environment, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task Run_TrialDatabaseWithRealSecrets_ExitsNamingTheAccountsAndTheFix(string environment)
    {
        var folder = trial.Copy();
        var (exitCode, error) = await AppProcess.RunToExitAsync(folder, [], [("ASPNETCORE_ENVIRONMENT", environment), .. RealSecrets]);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Liwater cannot start:", error, StringComparison.Ordinal);
        Assert.Contains(DemoAccounts.Switch, error, StringComparison.Ordinal);
        foreach (var name in new[] { "admin", "chengzhiban", "jinxi", "chair", "assessor", "viewer" })
        {
            Assert.Contains(name, error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TrialDatabaseWithDisableSwitch_StartsWithDemoAccountsOffAndAdminOnTheRealPassword()
    {
        var folder = trial.Copy();
        var (started, output) = await AppProcess.RunUntilStartedAsync(folder, [DemoAccounts.Switch], [("ASPNETCORE_ENVIRONMENT", "Production"), .. RealSecrets]);
        Assert.True(started, output);

        // The next start needs no switch: nothing public is left.
        var (again, secondOutput) = await AppProcess.RunUntilStartedAsync(folder, [], [("ASPNETCORE_ENVIRONMENT", "Production"), .. RealSecrets]);
        Assert.True(again, secondOutput);

        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "liwater.db")};Pooling=false");
        var users = (await connection.QueryAsync<(string Username, long IsActive, string PasswordHash)>(
            "SELECT username, is_active, password_hash FROM users")).ToDictionary(u => u.Username);
        foreach (var name in new[] { "chengzhiban", "jinxi", "chair", "assessor", "viewer" })
        {
            Assert.Equal(0, users[name].IsActive);
        }

        var hasher = new PasswordHasher<UserRow>();
        Assert.Equal(1, users["admin"].IsActive);
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new UserRow(), users["admin"].PasswordHash, "demo-admin-change-me"));
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new UserRow(), users["admin"].PasswordHash, RealAdminPassword));
    }

    [Fact]
    public async Task Run_StagingFreshDatabaseWithRealSecrets_Starts()
    {
        using var data = new TempDatabase(migrate: false);
        var (started, output) = await AppProcess.RunUntilStartedAsync(data.Folder, [], [("ASPNETCORE_ENVIRONMENT", "Staging"), .. RealSecrets]);
        Assert.True(started, output);
    }
}
