using System.Data.Common;
using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Liwater.Dashboard.Auth;

/// <summary>
/// Accounts in SQLite. Passwords are hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>; repeated
/// failures from one client hold that client back for a while. Only the town office manages accounts — checked here,
/// refused and audited.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The hash lanes' background threads live as long as the singleton store, that is the process.")]
public sealed class UserStore(Db db, AuthOptions options, SignInAttemptLog attempts)
{
    // Dialect-specific (SqlDialect.JoinIds): a steward's compounds as one comma-separated column.
    private string SelectUser =>
        $"""
        SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.community_id, m.name AS community_name,
               u.is_active, u.created_at, u.version,
               (SELECT {db.Dialect.JoinIds("x.compound_id")} FROM user_compounds x WHERE x.user_id = u.id) AS compound_list
        FROM users u LEFT JOIN communities m ON m.id = u.community_id
        """;

    // Names longer than any account name are cut before they are stored in sign_in_attempts.
    private const int MaxNameInAttempts = 64;

    private readonly PasswordHasher<UserRow> hasher = new();

    // Two lanes of half the cores each (decision 0101), on threads of lowered priority (decision 0156): clients that
    // failed lately hash at the lowest priority, so a flood of wrong passwords only uses CPU that nothing else wants.
    private readonly HashLane suspectLane = new("hash-suspect", Environment.ProcessorCount / 2, nice: 19);

    private readonly HashLane cleanLane = new("hash-clean", Environment.ProcessorCount / 2, nice: 5);

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
        return (await connection.QueryAsync<UserRow>(SelectUser + " ORDER BY u.is_active DESC, u.role, u.username")).AsList();
    }

    /// <summary>
    /// Checks a password. Unknown, deactivated and wrong-password attempts answer alike (<see cref="SignInOutcome.Invalid"/>).
    /// Failures count against the pair (typed name, client) only: after <see cref="AuthOptions.MaxFailedLogins"/> of
    /// them within <see cref="AuthOptions.LockoutMinutes"/>, that client may not try that name until the window has
    /// passed (<see cref="SignInOutcome.Throttled"/>) — whether or not the name exists — while every other client still
    /// can (decision 0101). The password hash runs outside the write queue; failed and throttled attempts are stored in
    /// batches (<see cref="SignInAttemptLog"/>, decision 0156), so a flood of them does not queue case writes.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string username, string password, string client, CancellationToken cancellationToken = default)
    {
        var name = TextRules.Prefix(username, MaxNameInAttempts);
        var now = db.NowMs;
        var window = (long)(options.LockoutMinutes * 60_000);
        var since = now - window;

        // The attempts still waiting for the next batch (SignInAttemptLog) count like the stored ones. Taken before the
        // stored ones are read: a batch stored in between is then counted twice (Distinct below) rather than not at all.
        var waiting = attempts.Pending(client);
        var (user, lastOk, storedFailures, storedClientFailed) = await db.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE u.username = @name", new { name });
            var lastOk = await connection.ExecuteScalarAsync<long>(
                "SELECT COALESCE(MAX(at), 0) FROM sign_in_attempts WHERE username = @name AND client = @client AND outcome = 'ok'",
                new { name, client });
            var failures = (await connection.QueryAsync<long>(
                """
                SELECT at FROM sign_in_attempts
                WHERE username = @name AND client = @client AND outcome = 'failed' AND at > @since AND at > @lastOk
                ORDER BY at DESC LIMIT @max
                """,
                new { name, client, since, lastOk, max = options.MaxFailedLogins })).AsList();
            var clientFailed = await connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM sign_in_attempts WHERE client = @client AND outcome <> 'ok' AND at > @since)",
                new { client, since });
            return (row, lastOk, failures, clientFailed);
        }, cancellationToken);

        var failures = storedFailures
            .Concat(waiting.Where(a => a.Name == name && a.Outcome == "failed" && a.At > since && a.At > lastOk).Select(a => a.At))
            .Distinct()
            .OrderDescending()
            .ToList();
        var clientFailed = storedClientFailed || waiting.Any(a => a.Outcome != "ok" && a.At > since);
        if (failures.Count >= options.MaxFailedLogins)
        {
            await RecordAttemptAsync(name, client, "throttled", user?.Id, cancellationToken);
            return new SignInResult(SignInOutcome.Throttled, LockedUntil: failures[0] + window);
        }

        // Hash in every case (a dummy hash for an unknown or deactivated name) so that the answer takes as long either way.
        // Hashing is CPU work, queued in two lanes: clients that failed lately share a lane of half the cores, so that a
        // flood of wrong passwords neither takes every core from the app nor makes a client with a clean record wait.
        var verified = await (clientFailed ? suspectLane : cleanLane).RunAsync(
            () => hasher.VerifyHashedPassword(user ?? new UserRow(), user is { IsActive: true } ? user.PasswordHash : DummyHash, password),
            cancellationToken);

        if (user is not { IsActive: true } || verified == PasswordVerificationResult.Failed)
        {
            await RecordAttemptAsync(name, client, "failed", user?.Id, cancellationToken);
            return new SignInResult(SignInOutcome.Invalid);
        }

        var rehash = verified == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password) : null;
        var current = await db.WriteAsync(async (connection, tx) =>
        {
            // The account may have changed while the hash ran: sign in with what it is now, or not at all.
            var row = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE u.id = @Id", new { user.Id }, tx);
            var ok = row is { IsActive: true } && row.PasswordHash == user.PasswordHash;
            if (ok && rehash is not null)
            {
                await connection.ExecuteAsync("UPDATE users SET password_hash = @rehash WHERE id = @Id", new { rehash, user.Id }, tx);
            }

            await SignInAttemptLog.InsertAsync(connection, tx, [new SignInAttempt(db.NowMs, name, client, ok ? "ok" : "failed", user.Id)]);
            return ok ? row : null;
        }, cancellationToken);
        return current is null ? new SignInResult(SignInOutcome.Invalid) : new SignInResult(SignInOutcome.Ok, current);
    }

    // Failed and throttled attempts go to the batched log: a flood of them costs the write queue one short write a batch.
    private ValueTask RecordAttemptAsync(string name, string client, string outcome, long? userId, CancellationToken cancellationToken) =>
        attempts.RecordAsync(new SignInAttempt(db.NowMs, name, client, outcome, userId), cancellationToken);

    /// <summary>Creates an account unless the name exists (start-up seeding; no acting user).</summary>
    public Task<bool> EnsureAsync(UserInput input, CancellationToken cancellationToken = default) => EnsureAsync(input, isDemo: false, cancellationToken);

    /// <summary>Creates an account unless the name exists; <paramref name="isDemo"/> marks a demo account (decision 0102).</summary>
    public Task<bool> EnsureAsync(UserInput input, bool isDemo, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (connection, tx) =>
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE username = @Username", new { input.Username }, tx) > 0)
            {
                return false;
            }

            var id = await InsertAsync(connection, tx, ActingUser.System, input);
            if (isDemo)
            {
                await connection.ExecuteAsync("UPDATE users SET is_demo = 1 WHERE id = @id", new { id }, tx);
            }

            return true;
        }, cancellationToken);

    public async Task<(UserRow? User, Dictionary<string, DataError> Errors)> CreateAsync(ActingUser actor, UserInput input, CancellationToken cancellationToken = default)
    {
        var errors = Validate(input, passwordRequired: true);
        if (actor.Role != Roles.TownOffice)
        {
            await RefuseAsync(actor, "user.create", null, cancellationToken);
            return (null, new() { [""] = new(AccountErrors.TownOfficeOnly) });
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return await db.WriteAsAsync(actor, async (connection, tx) =>
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE username = @Username", new { input.Username }, tx) > 0)
            {
                return ((UserRow?)null, new Dictionary<string, DataError> { [nameof(UserInput.Username)] = new(AccountErrors.UsernameTaken) });
            }

            var id = await InsertAsync(connection, tx, actor, input);
            return (await connection.QuerySingleAsync<UserRow>(SelectUser + " WHERE u.id = @id", new { id }, tx), new Dictionary<string, DataError>());
        }, cancellationToken);
    }

    public Task<Dictionary<string, DataError>> ChangeRoleAsync(ActingUser actor, long id, string role, long? communityId, CancellationToken cancellationToken = default)
    {
        var errors = Validate(new UserInput { Username = "x", DisplayName = "x", Role = role, CommunityId = communityId }, passwordRequired: false);
        return errors.Count > 0
            ? Task.FromResult(errors)
            : UpdateAsync(actor, id, "user.change_role", "UPDATE users SET role = @role, community_id = @communityId, version = version + 1 WHERE id = @id",
                new { role, communityId = role == Roles.CommunityStaff ? communityId : null, id }, cancellationToken);
    }

    /// <summary>
    /// Sets the compounds a property steward works for (town office only). Checked in the write transaction: the account
    /// exists and is a property steward, and every compound exists; then the list is replaced, the account's version
    /// bumped (the steward's open pages re-check and the cookie is renewed), audited before/after and logged.
    /// </summary>
    public async Task<Dictionary<string, DataError>> SetCompoundsAsync(ActingUser actor, long id, IReadOnlyCollection<long> compoundIds, CancellationToken cancellationToken = default)
    {
        if (actor.Role != Roles.TownOffice)
        {
            await RefuseAsync(actor, "user.set_compounds", id, cancellationToken);
            return new() { [""] = new(AccountErrors.TownOfficeOnly) };
        }

        var list = "[" + string.Join(',', compoundIds.Distinct().Order()) + "]";
        return await db.WriteAsAsync(actor, async (connection, tx) =>
        {
            var before = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE u.id = @id", new { id }, tx);
            if (before is null)
            {
                return new Dictionary<string, DataError> { [""] = new(AccountErrors.NotFound) };
            }

            if (before.Role != Roles.PropertySteward)
            {
                return new Dictionary<string, DataError> { ["Compounds"] = new(AccountErrors.CompoundsStewardOnly, before.DisplayName) };
            }

            // Dialect-specific (SqlDialect.JsonIntegers): the compounds come as one JSON parameter.
            var missing = (await connection.QueryAsync<long>(
                $"SELECT l.value FROM ({db.Dialect.JsonIntegers("@list")}) AS l WHERE NOT EXISTS (SELECT 1 FROM compounds p WHERE p.id = l.value) ORDER BY l.value",
                new { list }, tx)).AsList();
            if (missing.Count > 0)
            {
                return new Dictionary<string, DataError> { ["Compounds"] = new(AccountErrors.CompoundMissing, string.Join(", ", missing)) };
            }

            await connection.ExecuteAsync(
                $"""
                DELETE FROM user_compounds WHERE user_id = @id;
                INSERT INTO user_compounds (user_id, compound_id) SELECT @id, l.value FROM ({db.Dialect.JsonIntegers("@list")}) AS l;
                UPDATE users SET version = version + 1 WHERE id = @id;
                """,
                new { id, list }, tx);
            var after = await connection.QuerySingleAsync<UserRow>(SelectUser + " WHERE u.id = @id", new { id }, tx);
            await Audit.WriteAsync(connection, tx, db.NowMs, actor, "user.set_compounds", "user", id, refused: false, Safe(before), Safe(after));
            await ChangeLog.AppendAsync(connection, tx, db.NowMs, ChangeKinds.UserChanged, "user", id, after.CommunityId, after.Username);
            return new Dictionary<string, DataError>();
        }, cancellationToken);
    }

    public Task<Dictionary<string, DataError>> ResetPasswordAsync(ActingUser actor, long id, string password, CancellationToken cancellationToken = default)
    {
        if (PasswordError(password) is { } error)
        {
            return Task.FromResult(new Dictionary<string, DataError> { [nameof(UserInput.Password)] = error });
        }

        // Bumping the version signs the user out everywhere (the cookie check compares it).
        return UpdateAsync(actor, id, "user.reset_password", "UPDATE users SET password_hash = @hash, version = version + 1 WHERE id = @id",
            new { hash = hasher.HashPassword(new UserRow(), password), id }, cancellationToken);
    }

    public Task<Dictionary<string, DataError>> SetActiveAsync(ActingUser actor, long id, bool active, CancellationToken cancellationToken = default) =>
        actor.Id == id && !active
            ? Task.FromResult(new Dictionary<string, DataError> { [""] = new(AccountErrors.DeactivateSelf) })
            : UpdateAsync(actor, id, active ? "user.activate" : "user.deactivate", "UPDATE users SET is_active = @active, version = version + 1 WHERE id = @id", new { active, id }, cancellationToken);

    public const int DisplayNameMax = 50;

    /// <summary>
    /// The longest user name, in characters as a person counts them (<see cref="TextRules.Length"/>): the one limit of
    /// the account form, the login form and the sign-in endpoint.
    /// </summary>
    public const int UsernameMax = 32;

    /// <summary>A typed user name as the sign-in keeps it: at most <see cref="UsernameMax"/> whole characters, never half of one.</summary>
    public static string LimitUsername(string username) => TextRules.Prefix(username, UsernameMax);

    public Dictionary<string, DataError> Validate(UserInput input, bool passwordRequired)
    {
        var errors = new Dictionary<string, DataError>();
        if (string.IsNullOrWhiteSpace(input.Username) || TextRules.Length(input.Username) > UsernameMax || !input.Username.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-'))
        {
            errors[nameof(UserInput.Username)] = new(AccountErrors.UsernameInvalid, UsernameMax);
        }

        // The one text rule (TextRules): counted in characters a person sees, control characters refused.
        TextRules.Check(errors, nameof(UserInput.DisplayName), input.DisplayName, DisplayNameMax, required: true, AccountErrors.DisplayNameLabel);

        if (!Roles.All.Contains(input.Role))
        {
            errors[nameof(UserInput.Role)] = new(AccountErrors.RoleRequired);
        }
        else if (input.Role == Roles.CommunityStaff && input.CommunityId is null)
        {
            errors[nameof(UserInput.CommunityId)] = new(AccountErrors.CommunityRequired);
        }

        if (passwordRequired && PasswordError(input.Password) is { } password)
        {
            errors[nameof(UserInput.Password)] = password;
        }

        return errors;
    }

    private DataError? PasswordError(string password) =>
        TextRules.Length(password) < options.MinPasswordLength ? new(AccountErrors.PasswordTooShort, options.MinPasswordLength) : null;

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

    private async Task<Dictionary<string, DataError>> UpdateAsync(ActingUser actor, long id, string action, string sql, object args, CancellationToken cancellationToken)
    {
        if (actor.Role != Roles.TownOffice)
        {
            await RefuseAsync(actor, action, id, cancellationToken);
            return new() { [""] = new(AccountErrors.TownOfficeOnly) };
        }

        return await db.WriteAsAsync(actor, async (connection, tx) =>
        {
            var before = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE u.id = @id", new { id }, tx);
            if (before is null)
            {
                return new Dictionary<string, DataError> { [""] = new(AccountErrors.NotFound) };
            }

            await connection.ExecuteAsync(sql, args, tx);
            var after = await connection.QuerySingleAsync<UserRow>(SelectUser + " WHERE u.id = @id", new { id }, tx);
            await Audit.WriteAsync(connection, tx, db.NowMs, actor, action, "user", id, refused: false, Safe(before), Safe(after));
            await ChangeLog.AppendAsync(connection, tx, db.NowMs, ChangeKinds.UserChanged, "user", id, after.CommunityId, after.Username);
            return new Dictionary<string, DataError>();
        }, cancellationToken);
    }

    private Task RefuseAsync(ActingUser actor, string action, long? id, CancellationToken cancellationToken) =>
        Audit.RefusedAsync(db, actor, action, "user", id, attempted: null, cancellationToken);

    // The audit log never holds password hashes.
    private static object Safe(UserRow u) => new { u.Username, u.DisplayName, u.Role, u.CommunityId, u.CompoundList, u.IsActive, u.Version };

}
