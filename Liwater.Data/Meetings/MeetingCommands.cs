using System.Data.Common;
using System.Globalization;
using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Meetings;

/// <summary>
/// Joint-meeting writes. Each is one transaction with its audit row and a <see cref="ChangeKinds.MeetingChanged"/>
/// entry; a decision on a case also goes through <see cref="CaseCommands.ApplyInTransactionAsync"/> in that same
/// transaction, so the case's timeline and the minutes can never disagree. Refusals are audited and change nothing else.
/// </summary>
public sealed class MeetingCommands(Db db, TownClock clock, CaseCommands cases)
{
    private const string Entity = "meeting";

    public async Task<MeetingResult> OpenAsync(ActingUser user, NewMeeting input, CancellationToken cancellationToken = default)
    {
        var errors = MeetingRules.ValidateOpen(input, clock.Today);
        if (errors.Count > 0)
        {
            return MeetingResult.Invalid(errors);
        }

        return await db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            if (!MeetingRules.CanChair(user))
            {
                await Audit.WriteAsync(connection, tx, now, user, "meeting.open", Entity, null, refused: true, after: input);
                return MeetingResult.Refused(MeetingErrors.NotChair);
            }

            var sitting = await connection.QuerySingleOrDefaultAsync<MeetingRow>(
                "SELECT id, held_on, chair FROM meetings WHERE status = 'in_session' LIMIT 1", transaction: tx);
            if (sitting is not null)
            {
                return MeetingResult.Refused(new DataError(MeetingErrors.AlreadyInSession, sitting.HeldOn, sitting.Chair)) with { MeetingId = sitting.Id };
            }

            var row = new
            {
                heldOn = TownClock.Iso(input.HeldOn!.Value),
                chair = input.Chair!.Trim(),
                attendees = input.Attendees!.Trim(),
                now,
            };
            var id = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO meetings (held_on, chair, attendees, status, opened_at, version) VALUES (@heldOn, @chair, @attendees, 'in_session', @now, 1) RETURNING id",
                row, tx);
            await Audit.WriteAsync(connection, tx, now, user, "meeting.open", Entity, id, refused: false, after: row);
            await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.MeetingChanged, Entity, id, null, new DataError(ChangeSummaries.MeetingStarted, row.chair));
            return MeetingResult.Ok(id);
        }, cancellationToken);
    }

    /// <summary>Adds an item of the chair's own (a free title, no case) to the meeting in session.</summary>
    public async Task<MeetingResult> AddItemAsync(ActingUser user, long meetingId, string? title, CancellationToken cancellationToken = default)
    {
        var errors = MeetingRules.ValidateItem(title);
        if (errors.Count > 0)
        {
            return MeetingResult.Invalid(errors);
        }

        return await db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            var (meeting, refusal) = await CheckAsync(connection, tx, user, meetingId, "meeting.add_item", now, title);
            if (refusal is not null)
            {
                return refusal;
            }

            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO meeting_items (meeting_id, case_id, title, sort_order)
                VALUES (@meetingId, NULL, @title, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM meeting_items WHERE meeting_id = @meetingId))
                RETURNING id
                """,
                new { meetingId, title = title!.Trim() }, tx);
            await Audit.WriteAsync(connection, tx, now, user, "meeting.add_item", Entity, meetingId, refused: false, after: new { itemId = id, title });
            await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.MeetingChanged, Entity, meeting!.Id, null, new DataError(ChangeSummaries.MeetingItemAdded, title!.Trim()));
            return MeetingResult.Ok(meetingId);
        }, cancellationToken);
    }

    /// <summary>
    /// Records a decision. On a case: the case action (assign, return, resolve) and the meeting item are written
    /// together or not at all — a stale case version is a conflict and leaves both untouched.
    /// </summary>
    public async Task<MeetingResult> DecideAsync(ActingUser user, long meetingId, MeetingDecision decision, CancellationToken cancellationToken = default)
    {
        var errors = MeetingRules.ValidateDecision(decision, decision.CaseId is not null, clock.Today);
        if (errors.Count > 0)
        {
            return MeetingResult.Invalid(errors);
        }

        return await db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            var (meeting, refusal) = await CheckAsync(connection, tx, user, meetingId, "meeting.decide", now, decision);
            if (refusal is not null)
            {
                return refusal;
            }

            var kind = decision.Kind!.Value;
            string title;
            string? assignee = kind == DecisionKind.Assign ? decision.Assignee!.Trim() : null;
            if (decision.CaseId is { } caseId)
            {
                var decided = await connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM meeting_items WHERE meeting_id = @meetingId AND case_id = @caseId AND decided_at IS NOT NULL",
                    new { meetingId, caseId }, tx);
                if (decided > 0)
                {
                    return MeetingResult.Refused(MeetingErrors.CaseAlreadyDecided);
                }

                var current = await CaseQueries.ReadCaseAsync(connection, tx, caseId);
                if (current is null)
                {
                    return new MeetingResult { Outcome = CaseOutcome.NotFound, Error = new(CaseErrors.NotFound) };
                }

                if (current.Level != CaseLevels.Town || !CaseStatuses.IsActive(current.Status))
                {
                    return new MeetingResult { Outcome = CaseOutcome.Conflict, Error = new(MeetingErrors.CaseLeftAgenda), CurrentCase = current };
                }

                var applied = await cases.ApplyInTransactionAsync(connection, tx, user, caseId, decision.ExpectedCaseVersion, MeetingRules.ToCaseAction(decision), now);
                if (!applied.Succeeded)
                {
                    return new MeetingResult { Outcome = applied.Outcome, Errors = applied.Errors, Error = applied.Error, CurrentCase = applied.Current };
                }

                title = $"{current.Code} {current.Title}";
                assignee ??= kind == DecisionKind.Return ? current.CommunityName : null;
                await connection.ExecuteAsync(
                    """
                    INSERT INTO meeting_items (meeting_id, case_id, title, sort_order, decision_kind, decision_text, assignee, due_on, decided_at)
                    VALUES (@meetingId, @caseId, @title, 0, @kind, @text, @assignee, @dueOn, @now)
                    """,
                    new { meetingId, caseId, title, kind = MeetingRules.Code(kind), text = Blank(decision.Text), assignee, dueOn = DueOn(decision), now }, tx);
            }
            else
            {
                var item = await connection.QuerySingleOrDefaultAsync<MeetingItemRow>(
                    "SELECT id, title, case_id, decided_at FROM meeting_items WHERE id = @itemId AND meeting_id = @meetingId",
                    new { itemId = decision.ItemId, meetingId }, tx);
                if (item is null || item.CaseId is not null)
                {
                    return new MeetingResult { Outcome = CaseOutcome.NotFound, Error = new(MeetingErrors.ItemNotFound) };
                }

                if (item.DecidedAt is not null)
                {
                    return MeetingResult.Refused(MeetingErrors.ItemAlreadyDecided);
                }

                title = item.Title;
                await connection.ExecuteAsync(
                    """
                    UPDATE meeting_items SET decision_kind = @kind, decision_text = @text, assignee = @assignee, due_on = @dueOn, decided_at = @now
                    WHERE id = @id AND decided_at IS NULL
                    """,
                    new { id = item.Id, kind = MeetingRules.Code(kind), text = Blank(decision.Text), assignee, dueOn = DueOn(decision), now }, tx);
            }

            await Audit.WriteAsync(connection, tx, now, user, "meeting.decide", Entity, meetingId, refused: false, after: decision);
            await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.MeetingChanged, Entity, meeting!.Id, null, new DataError(ChangeSummaries.MeetingDecided, title));
            return MeetingResult.Ok(meetingId);
        }, cancellationToken);
    }

    /// <summary>Closes the meeting; every case still on the agenda is stored as an undecided item so the minutes are complete.</summary>
    public Task<MeetingResult> CloseAsync(ActingUser user, long meetingId, long expectedVersion, CancellationToken cancellationToken = default) =>
        db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            var (meeting, refusal) = await CheckAsync(connection, tx, user, meetingId, "meeting.close", now, null);
            if (refusal is not null)
            {
                return refusal;
            }

            if (meeting!.Version != expectedVersion)
            {
                return new MeetingResult { Outcome = CaseOutcome.Conflict, Error = new(MeetingErrors.Conflict) };
            }

            var agenda = await MeetingQueries.LoadAgendaAsync(connection, tx, meetingId);
            foreach (var open in agenda!.Items.Where(i => i.Item is null && i.Case is not null))
            {
                await connection.ExecuteAsync(
                    "INSERT INTO meeting_items (meeting_id, case_id, title, sort_order) VALUES (@meetingId, @caseId, @title, 0)",
                    new { meetingId, caseId = open.Case!.Id, title = $"{open.Case.Code} {open.Case.Title}" }, tx);
            }

            await connection.ExecuteAsync(
                "UPDATE meetings SET status = 'closed', closed_at = @now, version = version + 1 WHERE id = @meetingId AND version = @expectedVersion",
                new { meetingId, now, expectedVersion }, tx);
            await Audit.WriteAsync(connection, tx, now, user, "meeting.close", Entity, meetingId, refused: false, before: meeting);
            await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.MeetingChanged, Entity, meetingId, null,
                new DataError(ChangeSummaries.MeetingEnded, agenda.DecidedCount, agenda.Items.Count));
            return MeetingResult.Ok(meetingId);
        }, cancellationToken);

    /// <summary>The checks every write on an existing meeting shares: the meeting exists, the user chairs, it is in session.</summary>
    private static async Task<(MeetingRow? Meeting, MeetingResult? Refusal)> CheckAsync(
        DbConnection connection, DbTransaction tx, ActingUser user, long meetingId, string action, long now, object? input)
    {
        var meeting = await connection.QuerySingleOrDefaultAsync<MeetingRow>(
            "SELECT id, held_on, chair, attendees, status, opened_at, closed_at, version FROM meetings WHERE id = @meetingId",
            new { meetingId }, tx);
        if (meeting is null)
        {
            return (null, new MeetingResult { Outcome = CaseOutcome.NotFound, Error = new(MeetingErrors.NotFound) });
        }

        if (!MeetingRules.CanChair(user))
        {
            await Audit.WriteAsync(connection, tx, now, user, action, Entity, meetingId, refused: true, after: input);
            return (meeting, MeetingResult.Refused(MeetingErrors.NotChair));
        }

        return meeting.InSession ? (meeting, null) : (meeting, MeetingResult.Refused(MeetingErrors.Closed));
    }

    private static string? DueOn(MeetingDecision decision) =>
        decision.Kind == DecisionKind.Assign ? decision.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static string? Blank(string? value) => TextRules.Clean(value);
}
