using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Councils;

/// <summary>
/// Council writes. Each runs in one transaction with its change-log row; a refusal throws
/// <see cref="CouncilRefusedException"/> inside the transaction, so nothing already stored changes. A result on a
/// motion raised from a case goes onto the case through <see cref="CaseCommands"/> in that transaction, like every
/// other change to a case.
/// </summary>
public sealed class CouncilCommands(Db db, CouncilOptions options, CaseCommands cases)
{
    public const int TitleMax = 100;
    public const int DescriptionMax = 2000;
    public const int NoteMax = 500;

    public static readonly IReadOnlyList<string> Choices = ["for", "against", "abstain"];

    public Task CastVoteAsync(ActingUser user, long motionId, long representativeId, string choice, CancellationToken cancellationToken = default)
    {
        if (!Choices.Contains(choice))
        {
            throw new CouncilRefusedException(CouncilErrors.VoteChoice);
        }

        return GuardedWriteAsync(
            user,
            "council.vote",
            motionId,
            async (connection, transaction) =>
            {
                var motion = await LoadMotionAsync(connection, transaction, motionId);
                Demand(user, motion.CommunityId);
                if (motion.Status != "open")
                {
                    throw new CouncilRefusedException(CouncilErrors.MotionClosedVote, motion.Title);
                }

                var representative = await connection.QuerySingleOrDefaultAsync<RepresentativeRow>(
                    "SELECT id, council_id, name, is_active FROM council_representatives WHERE id = @representativeId",
                    new { representativeId },
                    transaction);
                if (representative is null || representative.CouncilId != motion.CouncilId)
                {
                    throw new CouncilRefusedException(CouncilErrors.NotRepresentative);
                }

                if (!representative.IsActive)
                {
                    throw new CouncilRefusedException(CouncilErrors.RepresentativeInactive, representative.Name);
                }

                var previous = await connection.ExecuteScalarAsync<string?>(
                    "SELECT choice FROM votes WHERE motion_id = @motionId AND representative_id = @representativeId",
                    new { motionId, representativeId },
                    transaction);
                if (previous is not null)
                {
                    throw new CouncilRefusedException(CouncilErrors.AlreadyVoted, representative.Name, new DataError("choice." + previous));
                }

                await connection.ExecuteAsync(
                    "INSERT INTO votes (motion_id, representative_id, choice, cast_at) VALUES (@motionId, @representativeId, @choice, @now)",
                    new { motionId, representativeId, choice, now = db.NowMs },
                    transaction);
                await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.CouncilChanged, "motion", motionId, motion.CommunityId, new DataError(ChangeSummaries.VoteCast, representative.Name, ChoiceWord(choice)));
            },
            cancellationToken);
    }

    /// <summary>
    /// Closes an open motion and stores its result computed by <see cref="VoteRules"/>; if the motion came from a case,
    /// the result goes onto that case's timeline in the same transaction.
    /// </summary>
    public Task<MotionResult> CloseMotionAsync(ActingUser user, long motionId, long expectedVersion, CancellationToken cancellationToken = default) =>
        GuardedWriteAsync(
            user,
            "council.close_motion",
            motionId,
            async (connection, transaction) =>
            {
                var motion = await LoadMotionAsync(connection, transaction, motionId);
                Demand(user, motion.CommunityId);
                if (motion.Status != "open")
                {
                    throw new CouncilRefusedException(CouncilErrors.MotionClosedResult, motion.Title);
                }

                if (motion.Version != expectedVersion)
                {
                    throw new CouncilRefusedException(CouncilErrors.MotionConflict, motion.Title);
                }

                var tally = await connection.QuerySingleAsync<TallyRow>(
                    """
                    SELECT COUNT(*) FILTER (WHERE choice = 'for') AS for_votes, COUNT(*) FILTER (WHERE choice = 'against') AS against_votes,
                           COUNT(*) FILTER (WHERE choice = 'abstain') AS abstain_votes
                    FROM votes WHERE motion_id = @motionId
                    """,
                    new { motionId },
                    transaction);
                var active = await connection.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM council_representatives WHERE council_id = @councilId AND is_active = 1",
                    new { councilId = motion.CouncilId },
                    transaction);
                var votes = new VoteTally((int)tally.ForVotes, (int)tally.AgainstVotes, (int)tally.AbstainVotes);
                var result = VoteRules.Decide(votes, active, options);
                var now = db.NowMs;
                await connection.ExecuteAsync(
                    """
                    UPDATE motions SET status = 'closed', result = @result, closed_at = @now, version = version + 1
                    WHERE id = @motionId AND status = 'open' AND version = @expectedVersion
                    """,
                    new { motionId, result = VoteRules.ToCode(result), now, expectedVersion },
                    transaction);
                var summary = new DataError(ChangeSummaries.MotionClosed, motion.Title, ResultWord(result), votes.For, votes.Against, votes.Abstain, active);
                await ChangeLog.AppendAsync(connection, transaction, now, ChangeKinds.MotionClosed, "motion", motionId, motion.CommunityId, summary);
                if (motion.CaseId is { } caseId)
                {
                    await WriteCaseResultAsync(connection, transaction, user, caseId, motion, votes, active, result, now);
                }

                return result;
            },
            cancellationToken);

    public Task<long> RaiseMotionAsync(ActingUser user, long councilMeetingId, string title, string? description, long? caseId, CancellationToken cancellationToken = default)
    {
        if ((TextRules.Check(title, TitleMax, required: true, CouncilErrors.MotionTitleLabel)
            ?? TextRules.Check(description, DescriptionMax, required: false, CouncilErrors.MotionDescriptionLabel)) is { } invalid)
        {
            throw new CouncilRefusedException(invalid);
        }

        title = title.Trim();

        return GuardedWriteAsync(
            user,
            "council.raise_motion",
            councilMeetingId,
            async (connection, transaction) =>
            {
                var meeting = await connection.QuerySingleOrDefaultAsync<MeetingRow>(
                    """
                    SELECT g.council_id, p.community_id, p.id AS compound_id FROM council_meetings g
                    JOIN councils k ON k.id = g.council_id JOIN compounds p ON p.id = k.compound_id WHERE g.id = @councilMeetingId
                    """,
                    new { councilMeetingId },
                    transaction) ?? throw new CouncilRefusedException(CouncilErrors.MeetingNotFound);
                Demand(user, meeting.CommunityId);
                if (caseId is not null)
                {
                    var caseCompound = await connection.ExecuteScalarAsync<long?>("SELECT compound_id FROM cases WHERE id = @caseId", new { caseId }, transaction);
                    if (caseCompound != meeting.CompoundId)
                    {
                        throw new CouncilRefusedException(CouncilErrors.CaseNotInCompound);
                    }
                }

                var id = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO motions (council_meeting_id, title, description, case_id, status, version)
                    VALUES (@councilMeetingId, @title, @description, @caseId, 'open', 1) RETURNING id
                    """,
                    new { councilMeetingId, title, description = TextRules.Clean(description), caseId },
                    transaction);
                await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.CouncilChanged, "motion", id, meeting.CommunityId, new DataError(ChangeSummaries.MotionRaised, title));
                return id;
            },
            cancellationToken);
    }

    public Task<long> AddMeetingAsync(ActingUser user, long councilId, DateOnly heldOn, string title, CancellationToken cancellationToken = default)
    {
        if (TextRules.Check(title, TitleMax, required: true, CouncilErrors.MeetingTitleLabel) is { } invalid)
        {
            throw new CouncilRefusedException(invalid);
        }

        title = title.Trim();

        return GuardedWriteAsync(
            user,
            "council.add_meeting",
            councilId,
            async (connection, transaction) =>
            {
                var communityId = await CommunityOfAsync(connection, transaction, councilId);
                Demand(user, communityId);
                var id = await connection.ExecuteScalarAsync<long>(
                    "INSERT INTO council_meetings (council_id, held_on, title) VALUES (@councilId, @heldOn, @title) RETURNING id",
                    new { councilId, heldOn = TownClock.Iso(heldOn), title },
                    transaction);
                await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.CouncilChanged, "council", councilId, communityId, new DataError(ChangeSummaries.CouncilCreated, title));
                return id;
            },
            cancellationToken);
    }

    /// <summary>Records the next of the five steps as completed; steps are taken in order and never undone here.</summary>
    public Task RecordStepAsync(ActingUser user, long councilId, int step, DateOnly completedOn, string? note, CancellationToken cancellationToken = default) =>
        TextRules.Check(note, NoteMax, required: false, CouncilErrors.StepNoteLabel) is { } invalid
            ? throw new CouncilRefusedException(invalid)
            : GuardedWriteAsync(
            user,
            "council.record_step",
            councilId,
            async (connection, transaction) =>
            {
                var communityId = await CommunityOfAsync(connection, transaction, councilId);
                Demand(user, communityId);
                var done = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM council_steps WHERE council_id = @councilId", new { councilId }, transaction);
                if (step != done + 1)
                {
                    throw done >= 5 ? new CouncilRefusedException(CouncilErrors.StepsDone) : new CouncilRefusedException(CouncilErrors.StepOrder, CouncilWords.Step(done + 1));
                }

                var last = await connection.ExecuteScalarAsync<string?>("SELECT MAX(completed_on) FROM council_steps WHERE council_id = @councilId", new { councilId }, transaction);
                var iso = TownClock.Iso(completedOn);
                if (last is not null && string.CompareOrdinal(iso, last) < 0)
                {
                    throw new CouncilRefusedException(CouncilErrors.StepDate, last);
                }

                await connection.ExecuteAsync(
                    "INSERT INTO council_steps (council_id, step, completed_on, note) VALUES (@councilId, @step, @iso, @note)",
                    new { councilId, step, iso, note = TextRules.Clean(note) },
                    transaction);
                await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.CouncilChanged, "council", councilId, communityId, new DataError(ChangeSummaries.CouncilStepDone, CouncilWords.Step(step)));
            },
            cancellationToken);

    /// <summary>A vote choice as a word (<see cref="CouncilWords"/>).</summary>
    public static DataError ChoiceWord(string choice) => new(choice switch
    {
        "for" => CouncilWords.For,
        "against" => CouncilWords.Against,
        _ => CouncilWords.Abstain,
    });

    /// <summary>A motion result as a word (<see cref="CouncilWords"/>).</summary>
    public static DataError ResultWord(MotionResult result) => new("motion." + VoteRules.ToCode(result));

    /// <summary>The result goes onto the case's timeline through the case command (life cycle, audit, change log).</summary>
    private async Task WriteCaseResultAsync(
        DbConnection connection, DbTransaction transaction, ActingUser user, long caseId, MotionRow motion, VoteTally votes, int active, MotionResult result, long now)
    {
        // Read in this transaction: the council decided on the motion, not on a version of the case a user saw.
        var version = await connection.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @caseId", new { caseId }, transaction);
        var action = new CaseAction
        {
            Kind = CaseActionKind.MotionResult,
            Reason = new DataError(
                CaseErrors.MotionResultReason,
                motion.CouncilName, motion.Title, ResultWord(result), votes.For, votes.Against, votes.Abstain, active),
            Data = new Dictionary<string, object?>
            {
                ["motionId"] = motion.Id,
                ["result"] = VoteRules.ToCode(result),
                ["votesFor"] = votes.For,
                ["votesAgainst"] = votes.Against,
                ["votesAbstain"] = votes.Abstain,
                ["activeRepresentatives"] = active,
            },
        };
        var applied = await cases.ApplyInTransactionAsync(connection, transaction, user, caseId, version, action, now);
        if (!applied.Succeeded)
        {
            throw new CouncilRefusedException(applied.Error ?? new DataError(CaseErrors.NotFound));
        }
    }

    private static async Task<MotionRow> LoadMotionAsync(DbConnection connection, DbTransaction transaction, long motionId) =>
        await connection.QuerySingleOrDefaultAsync<MotionRow>(
            """
            SELECT o.id, o.title, o.status, o.version, o.case_id, g.council_id, k.name AS council_name, p.community_id
            FROM motions o JOIN council_meetings g ON g.id = o.council_meeting_id JOIN councils k ON k.id = g.council_id
            JOIN compounds p ON p.id = k.compound_id WHERE o.id = @motionId
            """,
            new { motionId },
            transaction) ?? throw new CouncilRefusedException(CouncilErrors.MotionNotFound);

    /// <summary>Who may record council work: the town office, or staff of the council's community.</summary>
    public static bool CanRecord(ActingUser user, long communityId) => user.WorksFor(communityId);

    private static void Demand(ActingUser user, long communityId)
    {
        if (!CanRecord(user, communityId))
        {
            throw new CouncilAccessDeniedException();
        }
    }

    /// <summary>A write whose refusal for lack of rights is audited (in a transaction of its own, as the write rolls back).</summary>
    private async Task<T> GuardedWriteAsync<T>(
        ActingUser user, string action, long entityId, Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await db.WriteAsAsync(user, write, cancellationToken);
        }
        catch (CouncilAccessDeniedException)
        {
            await Audit.RefusedAsync(db, user, action, "council", entityId, null, cancellationToken);
            throw;
        }
    }

    private Task<bool> GuardedWriteAsync(
        ActingUser user, string action, long entityId, Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken) =>
        GuardedWriteAsync<bool>(user, action, entityId, async (c, t) => { await write(c, t); return true; }, cancellationToken);

    private static async Task<long> CommunityOfAsync(DbConnection connection, DbTransaction transaction, long councilId) =>
        await connection.ExecuteScalarAsync<long?>(
            "SELECT p.community_id FROM councils k JOIN compounds p ON p.id = k.compound_id WHERE k.id = @councilId",
            new { councilId },
            transaction) ?? throw new CouncilRefusedException(CouncilErrors.NotFound);

    private sealed record MotionRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public long Version { get; init; }
        public long? CaseId { get; init; }
        public long CouncilId { get; init; }
        public string CouncilName { get; init; } = "";
        public long CommunityId { get; init; }
    }

    private sealed record RepresentativeRow
    {
        public long Id { get; init; }
        public long CouncilId { get; init; }
        public string Name { get; init; } = "";
        public bool IsActive { get; init; }
    }

    private sealed record MeetingRow
    {
        public long CouncilId { get; init; }
        public long CommunityId { get; init; }
        public long CompoundId { get; init; }
    }

    private sealed record TallyRow
    {
        public long ForVotes { get; init; }
        public long AgainstVotes { get; init; }
        public long AbstainVotes { get; init; }
    }
}
