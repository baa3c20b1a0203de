using System.Data.Common;
using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Volunteers;

/// <summary>Activity writes: one from the form, or the good rows of one CSV file, each in one transaction.</summary>
public sealed class VolunteerCommands(Db db, TownClock clock)
{
    /// <summary>Who may log activities of a compound: the town office, or staff of the compound's community.</summary>
    public static bool CanRecord(ActingUser user, long communityId) => user.WorksFor(communityId);

    /// <summary>Whether the role may log activities at all (the import refuses a file outright otherwise).</summary>
    public static bool CanRecordAny(ActingUser user) => user.Role is Roles.TownOffice or Roles.CommunityStaff;

    /// <summary>
    /// Logs one activity from the form. An activity that is the same as a stored one (<see cref="ActivityDuplicates"/>)
    /// is refused with <see cref="ActivityDuplicateException"/> unless the user confirmed it is another one
    /// (<paramref name="confirmDuplicate"/>), so hours are not counted twice by a double click or a second clerk.
    /// </summary>
    public async Task<long> AddActivityAsync(ActingUser user, ActivityInput input, bool confirmDuplicate = false, CancellationToken cancellationToken = default)
    {
        var community = input.CompoundId is { } compoundId
            ? await db.ReadAsync(c => c.ExecuteScalarAsync<long?>("SELECT community_id FROM compounds WHERE id = @compoundId", new { compoundId }), cancellationToken)
            : null;
        if (community is { } communityId && !CanRecord(user, communityId) || community is null && !CanRecordAny(user))
        {
            await Audit.RefusedAsync(db, user, "volunteer.add_activity", "volunteer_activity", input.CompoundId, input, cancellationToken);
            throw new ActivityRefusedException("compound", new DataError(VolunteerErrors.Refused));
        }

        return await db.WriteAsAsync(
            user,
            async (connection, transaction) =>
            {
                var teams = await TeamOwnersAsync(connection, transaction);
                if (ActivityRules.Check(input, clock.Today, teams) is { } problem)
                {
                    throw new ActivityRefusedException(problem.Field, problem.Error);
                }

                var compound = await connection.QuerySingleOrDefaultAsync<CompoundRow>(
                    "SELECT name, community_id FROM compounds WHERE id = @id", new { id = input.CompoundId }, transaction)
                    ?? throw new ActivityRefusedException("compound", new DataError(VolunteerErrors.CompoundMissing));
                if (!confirmDuplicate && await ActivityDuplicates.FindAsync(connection, input, transaction) is { } same)
                {
                    throw new ActivityDuplicateException(same, new DataError(VolunteerErrors.Duplicate, TownClock.Iso(input.OccurredOn!.Value), compound.Name));
                }

                var id = await InsertAsync(connection, transaction, input, importKey: null);
                await ChangeLog.AppendAsync(
                    connection, transaction, db.NowMs, ChangeKinds.ActivityLogged, "volunteer_activity", id!.Value, compound.CommunityId,
                    $"{compound.Name}：{input.Title.Trim()}");
                return id.Value;
            },
            cancellationToken);
    }

    /// <summary>
    /// Stores checked rows on <paramref name="user"/>'s behalf; a row whose import key is already stored is skipped.
    /// Returns how many were added. Writes nothing (and no change-log row) when every row was already there, and nothing
    /// at all when the account was deactivated or changed meanwhile (<see cref="AccountRevokedException"/>).
    /// </summary>
    internal async Task<int> StoreImportedAsync(ActingUser user, IReadOnlyList<(ActivityInput Input, string ImportKey)> rows, string fileName, CancellationToken cancellationToken)
    {
        return await db.WriteAsAsync(
            user,
            async (connection, transaction) =>
            {
                var added = 0;
                foreach (var (input, key) in rows)
                {
                    added += await InsertAsync(connection, transaction, input, key) is null ? 0 : 1;
                }

                if (added == 0)
                {
                    // Every row was stored meanwhile (a concurrent import of the same file): nothing to announce.
                    return 0;
                }

                var communities = await connection.QueryAsync<long>(
                    $"SELECT DISTINCT community_id FROM compounds WHERE {db.Dialect.InList("id", "@ids")}",
                    new { ids = rows.Select(r => r.Input.CompoundId).Distinct().ToList() },
                    transaction);
                var single = communities.ToList() is [var only] ? only : (long?)null;
                await ChangeLog.AppendAsync(
                    connection, transaction, db.NowMs, ChangeKinds.ActivityLogged, "volunteer_import", null, single, new DataError(ChangeSummaries.ActivitiesImported, added, fileName));
                return added;
            },
            cancellationToken);
    }

    internal static async Task<Dictionary<long, long>> TeamOwnersAsync(DbConnection connection, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<(long Id, long CompoundId)>("SELECT id, compound_id FROM volunteer_teams", transaction: transaction))
        .ToDictionary(t => t.Id, t => t.CompoundId);

    // ON CONFLICT DO NOTHING makes a re-import idempotent even if two imports of one file race.
    private async Task<long?> InsertAsync(DbConnection connection, DbTransaction transaction, ActivityInput input, string? importKey) =>
        await connection.ExecuteScalarAsync<long?>(
            """
            INSERT INTO volunteer_activities (team_id, compound_id, occurred_on, hours, people, kind, title, import_key, created_at)
            VALUES (@teamId, @compoundId, @occurredOn, @hours, @people, @kind, @title, @importKey, @now)
            ON CONFLICT (import_key) DO NOTHING
            RETURNING id
            """,
            new
            {
                teamId = input.TeamId,
                compoundId = input.CompoundId,
                occurredOn = TownClock.Iso(input.OccurredOn!.Value),
                hours = input.Hours,
                people = input.People,
                kind = VolunteerKinds.ParseActivity(input.Kind),
                title = input.Title.Trim(),
                importKey,
                now = db.NowMs,
            },
            transaction);

    private sealed record CompoundRow
    {
        public string Name { get; init; } = "";
        public long CommunityId { get; init; }
    }
}
