using System.Data.Common;
using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Database;

namespace Liwater.Data.Accounts;

/// <summary>
/// The data layer's own check that the acting user still is who the page or cookie says: every write made on a
/// person's behalf re-reads the account inside its write transaction, so an account that was deactivated, demoted or
/// had its password reset cannot write even from a page opened before the change (decision 0100).
/// </summary>
public static class AccountCheck
{
    /// <summary>
    /// Runs <paramref name="write"/> in one write transaction after checking that <paramref name="actor"/>'s account is
    /// active and unchanged (same version, role and community). A stale account is refused: nothing is written, the
    /// refusal is audited, and <see cref="AccountRevokedException"/> is thrown.
    /// </summary>
    public static async Task<T> WriteAsAsync<T>(this Db db, ActingUser actor, Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken = default)
    {
        var (current, result) = await db.WriteAsync(async (connection, tx) =>
        {
            if (!await IsCurrentAsync(connection, tx, actor))
            {
                // Audited in this transaction; the caller's write never runs.
                await Audit.WriteAsync(connection, tx, db.NowMs, actor, "account.stale_write", "user", actor.Id == 0 ? null : actor.Id, refused: true);
                return (false, default(T)!);
            }

            return (true, await write(connection, tx));
        }, cancellationToken);
        return current ? result : throw new AccountRevokedException(actor.Username);
    }

    /// <inheritdoc cref="WriteAsAsync{T}(Db, ActingUser, Func{DbConnection, DbTransaction, Task{T}}, CancellationToken)"/>
    public static Task WriteAsAsync(this Db db, ActingUser actor, Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken = default) =>
        db.WriteAsAsync<bool>(actor, async (c, t) => { await write(c, t); return true; }, cancellationToken);

    /// <summary>
    /// Whether the account behind <paramref name="actor"/> is active and unchanged since the actor was made. Id 0 is no
    /// account (the system's jobs and seeding; an anonymous visitor is a viewer with id 0 and writes nothing by role).
    /// </summary>
    public static async Task<bool> IsCurrentAsync(DbConnection connection, DbTransaction? tx, ActingUser actor)
    {
        if (actor.Id == 0)
        {
            return true;
        }

        var row = await connection.QuerySingleOrDefaultAsync<AccountState>(
            "SELECT is_active, role, community_id, version FROM users WHERE id = @Id", new { actor.Id }, tx);
        return row is { IsActive: true } && row.Version == actor.Version && row.Role == actor.Role && row.CommunityId == actor.CommunityId;
    }

    private sealed class AccountState
    {
        public bool IsActive { get; init; }
        public string Role { get; init; } = "";
        public long? CommunityId { get; init; }
        public long Version { get; init; }
    }
}

/// <summary>A write was refused because the acting account was deactivated or changed after the page was opened.</summary>
public sealed class AccountRevokedException(string username)
    : InvalidOperationException($"The account '{username}' was deactivated or changed; sign in again.")
{
    public string Username { get; } = username;
}
