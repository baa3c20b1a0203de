using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Councils;

/// <summary>
/// Council writes. Each runs in one transaction with its change-log row; a refusal throws
/// <see cref="CouncilRefusedException"/> inside the transaction, so nothing already stored changes.
/// </summary>
public sealed class CouncilCommands(Db db, CouncilOptions options)
{
    public static readonly IReadOnlyList<string> Choices = ["for", "against", "abstain"];

    public Task CastVoteAsync(ActingUser user, long motionId, long representativeId, string choice, CancellationToken cancellationToken = default)
    {
        if (!Choices.Contains(choice))
        {
            throw new CouncilRefusedException("表决选项只能是赞成、反对或弃权。");
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
                    throw new CouncilRefusedException($"议案“{motion.Title}”已表决结束，不能再投票。");
                }

                var representative = await connection.QuerySingleOrDefaultAsync<RepresentativeRow>(
                    "SELECT id, council_id, name, is_active FROM council_representatives WHERE id = @representativeId",
                    new { representativeId },
                    transaction);
                if (representative is null || representative.CouncilId != motion.CouncilId)
                {
                    throw new CouncilRefusedException("投票人不是本议事会的议事代表，不能投票。");
                }

                if (!representative.IsActive)
                {
                    throw new CouncilRefusedException($"{representative.Name}已不是在任议事代表，不能投票。");
                }

                var previous = await connection.ExecuteScalarAsync<string?>(
                    "SELECT choice FROM votes WHERE motion_id = @motionId AND representative_id = @representativeId",
                    new { motionId, representativeId },
                    transaction);
                if (previous is not null)
                {
                    throw new CouncilRefusedException($"{representative.Name}已对该议案投过票（{ChoiceName(previous)}），每位代表只能投一票。");
                }

                await connection.ExecuteAsync(
                    "INSERT INTO votes (motion_id, representative_id, choice, cast_at) VALUES (@motionId, @representativeId, @choice, @now)",
                    new { motionId, representativeId, choice, now = db.NowMs },
                    transaction);
                await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.CouncilChanged, "motion", motionId, motion.CommunityId, $"{representative.Name}：{ChoiceName(choice)}");
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
                    throw new CouncilRefusedException($"议案“{motion.Title}”已表决结束，结果不可更改。");
                }

                if (motion.Version != expectedVersion)
                {
                    throw new CouncilRefusedException($"议案“{motion.Title}”已被他人修改，请刷新后再试。");
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
                var summary = $"{motion.Title}：{ResultName(result)}（赞成{votes.For}、反对{votes.Against}、弃权{votes.Abstain}，在任代表{active}人）";
                await ChangeLog.AppendAsync(connection, transaction, now, ChangeKinds.MotionClosed, "motion", motionId, motion.CommunityId, summary);
                if (motion.CaseId is { } caseId)
                {
                    await WriteCaseResultAsync(connection, transaction, caseId, motion, votes, active, result, now);
                }

                return result;
            },
            cancellationToken);

    public Task<long> RaiseMotionAsync(ActingUser user, long councilMeetingId, string title, string? description, long? caseId, CancellationToken cancellationToken = default)
    {
        title = title.Trim();
        if (title.Length == 0)
        {
            throw new CouncilRefusedException("请填写议案标题。");
        }

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
                    transaction) ?? throw new CouncilRefusedException("所选议事会议不存在。");
                Demand(user, meeting.CommunityId);
                if (caseId is not null)
                {
                    var caseCompound = await connection.ExecuteScalarAsync<long?>("SELECT compound_id FROM cases WHERE id = @caseId", new { caseId }, transaction);
                    if (caseCompound != meeting.CompoundId)
                    {
                        throw new CouncilRefusedException("关联的诉求不存在或不属于本小区。");
                    }
                }

                var id = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO motions (council_meeting_id, title, description, case_id, status, version)
                    VALUES (@councilMeetingId, @title, @description, @caseId, 'open', 1) RETURNING id
                    """,
                    new { councilMeetingId, title, description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(), caseId },
                    transaction);
                await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.CouncilChanged, "motion", id, meeting.CommunityId, "新议案：" + title);
                return id;
            },
            cancellationToken);
    }

    public Task<long> AddMeetingAsync(ActingUser user, long councilId, DateOnly heldOn, string title, CancellationToken cancellationToken = default)
    {
        title = title.Trim();
        if (title.Length == 0)
        {
            throw new CouncilRefusedException("请填写会议名称。");
        }

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
                await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.CouncilChanged, "council", councilId, communityId, "新议事会议：" + title);
                return id;
            },
            cancellationToken);
    }

    /// <summary>Records the next of the five steps as completed; steps are taken in order and never undone here.</summary>
    public Task RecordStepAsync(ActingUser user, long councilId, int step, DateOnly completedOn, string? note, CancellationToken cancellationToken = default) =>
        GuardedWriteAsync(
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
                    throw new CouncilRefusedException(done >= 5 ? "五个步骤已全部完成。" : $"请按顺序完成步骤：下一步是“{CouncilQueries.StepNames[done]}”。");
                }

                var last = await connection.ExecuteScalarAsync<string?>("SELECT MAX(completed_on) FROM council_steps WHERE council_id = @councilId", new { councilId }, transaction);
                var iso = TownClock.Iso(completedOn);
                if (last is not null && string.CompareOrdinal(iso, last) < 0)
                {
                    throw new CouncilRefusedException($"完成日期不能早于上一步骤的日期（{last}）。");
                }

                await connection.ExecuteAsync(
                    "INSERT INTO council_steps (council_id, step, completed_on, note) VALUES (@councilId, @step, @iso, @note)",
                    new { councilId, step, iso, note = string.IsNullOrWhiteSpace(note) ? CouncilQueries.StepNames[step - 1] : note.Trim() },
                    transaction);
                await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.CouncilChanged, "council", councilId, communityId, "完成步骤：" + CouncilQueries.StepNames[step - 1]);
            },
            cancellationToken);

    public static string ChoiceName(string choice) => choice switch
    {
        "for" => "赞成",
        "against" => "反对",
        _ => "弃权",
    };

    public static string ResultName(MotionResult result) => result switch
    {
        MotionResult.Passed => "通过",
        MotionResult.Rejected => "未通过",
        _ => "未达法定人数",
    };

    private static async Task WriteCaseResultAsync(
        DbConnection connection, DbTransaction transaction, long caseId, MotionRow motion, VoteTally votes, int active, MotionResult result, long now)
    {
        var body = string.Create(
            CultureInfo.InvariantCulture,
            $"{motion.CouncilName}表决议案“{motion.Title}”：{ResultName(result)}（赞成{votes.For}、反对{votes.Against}、弃权{votes.Abstain}，在任代表{active}人）");
        var data = JsonSerializer.Serialize(new
        {
            motionId = motion.Id,
            result = VoteRules.ToCode(result),
            votesFor = votes.For,
            votesAgainst = votes.Against,
            votesAbstain = votes.Abstain,
            activeRepresentatives = active,
        });
        await connection.ExecuteAsync(
            """
            INSERT INTO case_events (case_id, kind, at, user_id, actor, body, data)
            VALUES (@caseId, 'motion_result', @now, NULL, @actor, @body, @data)
            """,
            new { caseId, now, actor = motion.CouncilName, body, data },
            transaction);
        var communityId = await connection.ExecuteScalarAsync<long>(
            "UPDATE cases SET version = version + 1, updated_at = @now WHERE id = @caseId RETURNING community_id",
            new { caseId, now },
            transaction);
        await ChangeLog.AppendAsync(connection, transaction, now, ChangeKinds.CaseUpdated, "case", caseId, communityId, body);
    }

    private static async Task<MotionRow> LoadMotionAsync(DbConnection connection, DbTransaction transaction, long motionId) =>
        await connection.QuerySingleOrDefaultAsync<MotionRow>(
            """
            SELECT o.id, o.title, o.status, o.version, o.case_id, g.council_id, k.name AS council_name, p.community_id
            FROM motions o JOIN council_meetings g ON g.id = o.council_meeting_id JOIN councils k ON k.id = g.council_id
            JOIN compounds p ON p.id = k.compound_id WHERE o.id = @motionId
            """,
            new { motionId },
            transaction) ?? throw new CouncilRefusedException("该议案不存在。");

    public const string RefusedMessage = "只有城治办和本社区工作人员可以记录议事会事项。";

    /// <summary>Who may record council work: the town office, or staff of the council's community.</summary>
    public static bool CanRecord(ActingUser user, long communityId) => user.WorksFor(communityId);

    private static void Demand(ActingUser user, long communityId)
    {
        if (!CanRecord(user, communityId))
        {
            throw new CouncilAccessDeniedException(RefusedMessage);
        }
    }

    /// <summary>A write whose refusal for lack of rights is audited (in a transaction of its own, as the write rolls back).</summary>
    private async Task<T> GuardedWriteAsync<T>(
        ActingUser user, string action, long entityId, Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await db.WriteAsync(write, cancellationToken);
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
            transaction) ?? throw new CouncilRefusedException("该议事会不存在。");

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
