using System.Data.Common;
using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Liwater.Dashboard.Auth;

/// <summary>
/// Accounts in the main database. Passwords are hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>; repeated
/// failures lock the account for a while. Only the town office manages accounts — checked here, refused and audited.
/// </summary>
public sealed class UserStore(Db db, AuthOptions options)
{
    private const string SelectUser =
        """
        SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.community_id, m.name AS community_name,
               u.is_active, u.failed_logins, u.locked_until, u.created_at, u.version
        FROM users u LEFT JOIN communities m ON m.id = u.community_id
        """;

    private readonly PasswordHasher<UserRow> hasher = new();

    public async Task<UserRow?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE u.id = @id", new { id });
    }

    public async Task<IReadOnlyList<UserRow>> ListAsync(ActingUser actor, CancellationToken cancellationToken = default)
    {
        if (actor.Role != Roles.TownOffice)
        {
            await RefuseAsync(actor, "user.list", null, cancellationToken);
            return [];
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UserRow>(SelectUser + " ORDER BY u.is_active DESC, u.role, lower(u.username)")).AsList();
    }

    /// <summary>Checks a password, counting failures and locking the account after too many in a row.</summary>
    public Task<SignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (connection, tx) =>
        {
            var now = db.NowMs;
            var user = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE lower(u.username) = lower(@username)", new { username }, tx);
            if (user is null)
            {
                // Hash anyway so an unknown name takes as long as a wrong password.
                hasher.VerifyHashedPassword(new UserRow(), DummyHash, password);
                return new SignInResult(SignInOutcome.Invalid);
            }

            if (!user.IsActive)
            {
                return new SignInResult(SignInOutcome.Inactive);
            }

            if (user.LockedUntil is { } until && until > now)
            {
                return new SignInResult(SignInOutcome.Locked, LockedUntil: until);
            }

            var verified = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            if (verified == PasswordVerificationResult.Failed)
            {
                var failures = user.FailedLogins + 1;
                long? lockUntil = failures >= options.MaxFailedLogins ? now + (long)(options.LockoutMinutes * 60_000) : null;
                await connection.ExecuteAsync(
                    "UPDATE users SET failed_logins = @failures, locked_until = @lockUntil WHERE id = @id",
                    new { failures = lockUntil is null ? failures : 0, lockUntil, id = user.Id }, tx);
                await Audit.WriteAsync(connection, tx, now, Actor(user), lockUntil is null ? "user.sign_in_failed" : "user.locked", "user", user.Id, refused: true);
                return lockUntil is null ? new SignInResult(SignInOutcome.Invalid) : new SignInResult(SignInOutcome.Locked, LockedUntil: lockUntil);
            }

            var hash = verified == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password) : user.PasswordHash;
            await connection.ExecuteAsync(
                "UPDATE users SET failed_logins = 0, locked_until = NULL, password_hash = @hash WHERE id = @id",
                new { hash, id = user.Id }, tx);
            return new SignInResult(SignInOutcome.Ok, user);
        }, cancellationToken);

    /// <summary>Creates an account unless the name exists (start-up seeding; no acting user).</summary>
    public Task<bool> EnsureAsync(UserInput input, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (connection, tx) =>
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE lower(username) = lower(@Username)", new { input.Username }, tx) > 0)
            {
                return false;
            }

            await InsertAsync(connection, tx, new ActingUser { Username = "system", DisplayName = "系统" }, input);
            return true;
        }, cancellationToken);

    public async Task<(UserRow? User, Dictionary<string, string> Errors)> CreateAsync(ActingUser actor, UserInput input, CancellationToken cancellationToken = default)
    {
        var errors = Validate(input, passwordRequired: true);
        if (actor.Role != Roles.TownOffice)
        {
            await RefuseAsync(actor, "user.create", null, cancellationToken);
            return (null, new() { [""] = "只有城治办可以管理账户。" });
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return await db.WriteAsync(async (connection, tx) =>
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE lower(username) = lower(@Username)", new { input.Username }, tx) > 0)
            {
                return ((UserRow?)null, new Dictionary<string, string> { [nameof(UserInput.Username)] = "该用户名已存在。" });
            }

            var id = await InsertAsync(connection, tx, actor, input);
            return (await connection.QuerySingleAsync<UserRow>(SelectUser + " WHERE u.id = @id", new { id }, tx), new Dictionary<string, string>());
        }, cancellationToken);
    }

    public Task<Dictionary<string, string>> ChangeRoleAsync(ActingUser actor, long id, string role, long? communityId, CancellationToken cancellationToken = default)
    {
        var errors = Validate(new UserInput { Username = "x", DisplayName = "x", Role = role, CommunityId = communityId }, passwordRequired: false);
        return errors.Count > 0
            ? Task.FromResult(errors)
            : UpdateAsync(actor, id, "user.change_role", "UPDATE users SET role = @role, community_id = @communityId, version = version + 1 WHERE id = @id",
                new { role, communityId = role == Roles.CommunityStaff ? communityId : null, id }, cancellationToken);
    }

    public Task<Dictionary<string, string>> ResetPasswordAsync(ActingUser actor, long id, string password, CancellationToken cancellationToken = default)
    {
        if (password.Length < options.MinPasswordLength)
        {
            return Task.FromResult(new Dictionary<string, string> { [nameof(UserInput.Password)] = $"密码至少 {options.MinPasswordLength} 位。" });
        }

        // Bumping the version signs the user out everywhere (the cookie check compares it).
        return UpdateAsync(actor, id, "user.reset_password", "UPDATE users SET password_hash = @hash, failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = @id",
            new { hash = hasher.HashPassword(new UserRow(), password), id }, cancellationToken);
    }

    public Task<Dictionary<string, string>> SetActiveAsync(ActingUser actor, long id, bool active, CancellationToken cancellationToken = default) =>
        actor.Id == id && !active
            ? Task.FromResult(new Dictionary<string, string> { [""] = "不能停用自己的账户。" })
            : UpdateAsync(actor, id, active ? "user.activate" : "user.deactivate", "UPDATE users SET is_active = @active, version = version + 1 WHERE id = @id", new { active, id }, cancellationToken);

    public Dictionary<string, string> Validate(UserInput input, bool passwordRequired)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Username) || input.Username.Length > 32 || !input.Username.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-'))
        {
            errors[nameof(UserInput.Username)] = "用户名为 1–32 位字母、数字或 . _ -。";
        }

        if (string.IsNullOrWhiteSpace(input.DisplayName) || input.DisplayName.Length > 50)
        {
            errors[nameof(UserInput.DisplayName)] = "请填写姓名（不超过 50 字）。";
        }

        if (!Roles.All.Contains(input.Role))
        {
            errors[nameof(UserInput.Role)] = "请选择角色。";
        }
        else if (input.Role == Roles.CommunityStaff && input.CommunityId is null)
        {
            errors[nameof(UserInput.CommunityId)] = "社区工作人员必须绑定一个社区。";
        }

        if (passwordRequired && input.Password.Length < options.MinPasswordLength)
        {
            errors[nameof(UserInput.Password)] = $"密码至少 {options.MinPasswordLength} 位。";
        }

        return errors;
    }

    private static readonly string DummyHash = new PasswordHasher<UserRow>().HashPassword(new UserRow(), "liwater-unknown-user");

    private async Task<long> InsertAsync(DbConnection connection, DbTransaction tx, ActingUser actor, UserInput input)
    {
        var now = db.NowMs;
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO users (username, display_name, password_hash, role, community_id, is_active, failed_logins, created_at, version)
            VALUES (@username, @displayName, @hash, @role, @communityId, 1, 0, @now, 1) RETURNING id
            """,
            new
            {
                username = input.Username.Trim(),
                displayName = input.DisplayName.Trim(),
                hash = hasher.HashPassword(new UserRow(), input.Password),
                role = input.Role,
                communityId = input.Role == Roles.CommunityStaff ? input.CommunityId : null,
                now,
            },
            tx);
        await Audit.WriteAsync(connection, tx, now, actor, "user.create", "user", id, refused: false, after: new { input.Username, input.DisplayName, input.Role, input.CommunityId });
        await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.UserChanged, "user", id, input.CommunityId, input.Username);
        return id;
    }

    private async Task<Dictionary<string, string>> UpdateAsync(ActingUser actor, long id, string action, string sql, object args, CancellationToken cancellationToken)
    {
        if (actor.Role != Roles.TownOffice)
        {
            await RefuseAsync(actor, action, id, cancellationToken);
            return new() { [""] = "只有城治办可以管理账户。" };
        }

        return await db.WriteAsync(async (connection, tx) =>
        {
            var before = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE u.id = @id", new { id }, tx);
            if (before is null)
            {
                return new Dictionary<string, string> { [""] = "账户不存在。" };
            }

            await connection.ExecuteAsync(sql, args, tx);
            var after = await connection.QuerySingleAsync<UserRow>(SelectUser + " WHERE u.id = @id", new { id }, tx);
            await Audit.WriteAsync(connection, tx, db.NowMs, actor, action, "user", id, refused: false, Safe(before), Safe(after));
            await ChangeLog.AppendAsync(connection, tx, db.NowMs, ChangeKinds.UserChanged, "user", id, after.CommunityId, after.Username);
            return new Dictionary<string, string>();
        }, cancellationToken);
    }

    private Task RefuseAsync(ActingUser actor, string action, long? id, CancellationToken cancellationToken) =>
        db.WriteAsync((c, t) => Audit.WriteAsync(c, t, db.NowMs, actor, action, "user", id, refused: true), cancellationToken);

    // The audit log never holds password hashes.
    private static object Safe(UserRow u) => new { u.Username, u.DisplayName, u.Role, u.CommunityId, u.IsActive, u.Version };

    private static ActingUser Actor(UserRow u) => new() { Id = u.Id, Username = u.Username, DisplayName = u.DisplayName, Role = u.Role, CommunityId = u.CommunityId };
}
