using System.Security.Cryptography;
using Dapper;
using Liwater.Dashboard.Extensions;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Auth;

/// <summary>
/// First run: creates the administrator <c>admin</c> (password from <c>Liwater:Admin:InitialPassword</c>, else a
/// random one printed once) and, with demo data on, one demo user per role. Registered after StartupTasks (hosted
/// services start in order), so it runs after the migrations and demo data and before Kestrel takes requests.
/// </summary>
public sealed class AccountSeeder(
    UserStore users, Db db, AuthOptions options, IOptions<LiwaterOptions> liwater, DemoAccounts demoAccounts, IConfiguration configuration,
    IHostEnvironment environment, ILogger<AccountSeeder> logger) : IHostedService
{
    public const string AdminUsername = "admin";

    /// <summary>The demo accounts (username, name, role, password); listed in docs/cases-and-accounts.md.</summary>
    public static readonly IReadOnlyList<(string Username, string DisplayName, string Role, string Password)> DemoUsers =
    [
        ("chengzhiban", "城治办 陈主任", Roles.TownOffice, "demo-town-office"),
        ("jinxi", "金溪社区 黄社工", Roles.CommunityStaff, "demo-community-staff"),
        ("chair", "联席会议 召集人", Roles.Chair, "demo-chair"),
        ("assessor", "考核组 梁专家", Roles.Assessor, "demo-assessor"),
        ("viewer", "观察员", Roles.Viewer, "demo-viewer"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.InitialPassword;
        var password = string.IsNullOrEmpty(configured) ? RandomPassword() : configured;
        if (await users.EnsureAsync(new UserInput { Username = AdminUsername, DisplayName = "系统管理员", Role = Roles.TownOffice, Password = password }, DemoSecrets.IsDemo(password), cancellationToken)
            && string.IsNullOrEmpty(configured))
        {
            // Printed once, at creation; never logged to files.
            Console.WriteLine($"Liwater: created administrator '{AdminUsername}' with password: {password}  (change it on the Users page)");
        }

        if (!environment.IsDevelopment())
        {
            await RefuseDemoAccountsAsync(cancellationToken);
        }

        if (!liwater.Value.LoadDemoData)
        {
            return;
        }

        var community = await db.ReadAsync(c => c.ExecuteScalarAsync<long?>("SELECT id FROM communities ORDER BY sort_order, id LIMIT 1"), cancellationToken);
        foreach (var (username, name, role, demoPassword) in DemoUsers)
        {
            if (role == Roles.CommunityStaff && community is null)
            {
                logger.LogWarning("No community in the database yet: demo user {User} not created", username);
                continue;
            }

            await users.EnsureAsync(new UserInput { Username = username, DisplayName = name, Role = role, CommunityId = community, Password = demoPassword }, isDemo: true, cancellationToken);
        }
    }

    // Outside Development an active account with a published password stops the start, unless told to disable them.
    private async Task RefuseDemoAccountsAsync(CancellationToken cancellationToken)
    {
        var found = await demoAccounts.FindActiveAsync(cancellationToken);
        if (found.Count == 0)
        {
            return;
        }

        if (!configuration.GetValue<bool>(DemoAccounts.Key))
        {
            throw new StartupException(DemoAccounts.Message(environment.EnvironmentName, found.Select(a => a.Username)));
        }

        // Demo secrets are refused outside Development, so a configured password here is a real one.
        var configured = options.InitialPassword;
        var adminPassword = string.IsNullOrEmpty(configured) ? RandomPassword() : configured;
        await demoAccounts.DisableAsync(found, adminPassword, cancellationToken);
        logger.LogWarning("Deactivated {Count} demo account(s): {Accounts}", found.Count, string.Join(", ", found.Select(a => a.Username)));
        Console.WriteLine($"Liwater: demo accounts disabled: {string.Join(", ", found.Select(a => a.Username))}.");
        if (found.Any(a => string.Equals(a.Username, AdminUsername, StringComparison.OrdinalIgnoreCase)))
        {
            Console.WriteLine(string.IsNullOrEmpty(configured)
                ? $"Liwater: administrator '{AdminUsername}' has a new password: {adminPassword}  (change it on the Users page)"
                : $"Liwater: administrator '{AdminUsername}' now signs in with Liwater:Admin:InitialPassword.");
        }
    }

    private static string RandomPassword() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789", 16);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
