using Dapper;
using Liwater.Dashboard.Extensions;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Liwater.Dashboard.Auth;

/// <summary>
/// Accounts whose passwords are public: seeded as demo accounts (<c>users.is_demo</c>), or still answering to a demo
/// password from the README (a trial database moved to production keeps them). Outside Development the app refuses to
/// start while one is active, unless started once with <see cref="Switch"/>, which deactivates them (decision 0102).
/// </summary>
public sealed class DemoAccounts(Db db)
{
    /// <summary>The command-line switch that deactivates every demo account at start-up.</summary>
    public const string Switch = "--disable-demo-accounts";

    /// <summary>The setting the switch sets (also usable as <c>Liwater__Admin__DisableDemoAccounts=true</c>).</summary>
    public const string Key = "Liwater:Admin:DisableDemoAccounts";

    /// <summary>Every published demo password, by account name (the README's table).</summary>
    public static IEnumerable<(string Username, string Password)> KnownPasswords =>
        AccountSeeder.DemoUsers.Select(u => (u.Username, u.Password)).Prepend((AccountSeeder.AdminUsername, "demo-admin-change-me"));

    /// <summary>The names of the active accounts whose passwords are public.</summary>
    public async Task<IReadOnlyList<(long Id, string Username)>> FindActiveAsync(CancellationToken cancellationToken)
    {
        var rows = await db.ReadAsync(c => c.QueryAsync<UserRow>(
            "SELECT id, username, password_hash, role, is_active, version FROM users WHERE is_active = 1"), cancellationToken);
        var flagged = (await db.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM users WHERE is_active = 1 AND is_demo = 1"), cancellationToken)).ToHashSet();
        var hasher = new PasswordHasher<UserRow>();
        var known = KnownPasswords.ToDictionary(k => k.Username, k => k.Password, StringComparer.OrdinalIgnoreCase);
        return rows
            .Where(u => flagged.Contains(u.Id)
                || (known.TryGetValue(u.Username, out var password) && hasher.VerifyHashedPassword(u, u.PasswordHash, password) != PasswordVerificationResult.Failed))
            .Select(u => (u.Id, u.Username))
            .ToList();
    }

    /// <summary>
    /// Deactivates the accounts (their cookies and open pages lose their rights: the version moves on) — except the
    /// administrator, who would lock everyone out: its password is replaced by <paramref name="adminPassword"/>.
    /// </summary>
    public Task DisableAsync(IReadOnlyList<(long Id, string Username)> accounts, string adminPassword, CancellationToken cancellationToken)
    {
        var adminHash = new PasswordHasher<UserRow>().HashPassword(new UserRow(), adminPassword);
        return db.WriteAsync(async (connection, tx) =>
        {
            var system = ActingUser.System;
            foreach (var (id, username) in accounts)
            {
                var admin = string.Equals(username, AccountSeeder.AdminUsername, StringComparison.OrdinalIgnoreCase);
                await connection.ExecuteAsync(
                    admin
                        ? "UPDATE users SET password_hash = @adminHash, is_demo = 0, version = version + 1 WHERE id = @id"
                        : "UPDATE users SET is_active = 0, version = version + 1 WHERE id = @id",
                    new { id, adminHash }, tx);
                await Audit.WriteAsync(connection, tx, db.NowMs, system, admin ? "user.replace_demo_password" : "user.disable_demo", "user", id, refused: false, after: new { username });
                await ChangeLog.AppendAsync(connection, tx, db.NowMs, ChangeKinds.UserChanged, "user", id, null, username);
            }
        }, cancellationToken);
    }

    /// <summary>The start-up message: which accounts, and the one fix.</summary>
    public static string Message(string environmentName, IEnumerable<string> usernames) =>
        $"The database holds active demo accounts with published passwords ({string.Join(", ", usernames)}) in the {environmentName} environment. " +
        $"Start once with {Switch} (e.g. dotnet Liwater.Dashboard.dll {Switch}, or Liwater__Admin__DisableDemoAccounts=true) to deactivate them " +
        "(admin keeps its account with the password from Liwater__Admin__InitialPassword, or a random one printed once), " +
        "then give real people their own accounts on the Accounts page.";
}
