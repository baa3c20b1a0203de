using System.Data.Common;
using System.Globalization;
using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Cases;

/// <summary>
/// The one path by which a case changes, whoever the caller: a clerk's page or form endpoint, the joint meeting's
/// decisions, a council's result, the watchdog's escalation, and channels to come (residents, phone staff) — each
/// builds a <see cref="CaseAction"/> and calls <see cref="ApplyAsync"/>, or <see cref="ApplyInTransactionAsync"/>
/// inside its own write transaction. One transaction checks the input (<see cref="CaseValidation"/>), the user's
/// rights (<see cref="CaseAccess"/>), the version the user saw (optimistic concurrency), the life cycle
/// (<see cref="CaseStateMachine"/>) and the deadlines (<see cref="DeadlinePolicy"/>), then writes the row, the
/// timeline event, the audit row (before/after) and the change-log entry. A refusal is audited in the same way, so a
/// forged request leaves a trace. Failures are <see cref="DataError"/> codes; the UI words them.
/// </summary>
public sealed class CaseCommands(Db db, TownClock clock, CaseOptions options)
{
    private readonly DeadlinePolicy deadlines = new(options.Deadlines);
    private bool dueAtRefreshed;

    public DeadlinePolicy Deadlines => deadlines;

    public Task<CaseCommandResult> CreateAsync(ActingUser user, NewCase input, CancellationToken cancellationToken = default) =>
        CreateAsync(user, input, alongside: null, cancellationToken);

    /// <summary>
    /// Creates the case and, in the same transaction, runs <paramref name="alongside"/> with the new case's id (a
    /// resident report's tracking row and photos): both are saved or neither is.
    /// </summary>
    public async Task<CaseCommandResult> CreateAsync(ActingUser user, NewCase input, Func<DbConnection, DbTransaction, long, Task>? alongside, CancellationToken cancellationToken = default)
    {
        var errors = CaseValidation.ValidateNew(input, options);
        if (errors.Count > 0)
        {
            return CaseCommandResult.Invalid(errors);
        }

        var code = await CaseCodes.ReserveAsync(db, clock.ToLocal(db.NowMs).Year, cancellationToken);
        return await db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            var compound = await connection.QuerySingleOrDefaultAsync<CompoundRef>(
                "SELECT p.id, p.name, p.community_id, m.name AS community_name FROM compounds p JOIN communities m ON m.id = p.community_id WHERE p.id = @id",
                new { id = input.CompoundId }, tx);
            if (compound is null)
            {
                return CaseCommandResult.Invalid(new Dictionary<string, DataError> { [nameof(NewCase.CompoundId)] = new(CaseErrors.CompoundMissing) });
            }

            if (input.BuildingId is { } buildingId)
            {
                var buildingCompound = await connection.ExecuteScalarAsync<long?>("SELECT compound_id FROM buildings WHERE id = @buildingId", new { buildingId }, tx);
                var error = buildingCompound is null ? CaseErrors.BuildingMissing : buildingCompound != compound.Id ? CaseErrors.BuildingNotInCompound : null;
                if (error is not null)
                {
                    return CaseCommandResult.Invalid(new Dictionary<string, DataError> { [nameof(NewCase.BuildingId)] = new(error) });
                }
            }

            if (!CaseAccess.CanCreate(user, compound.CommunityId, input))
            {
                await Audit.WriteAsync(connection, tx, now, user, "case.create", "case", null, refused: true, after: input);
                return CaseCommandResult.Refused(new(CaseAccess.CanCreateAny(user) ? CaseErrors.RefusedCreateOtherCommunity : CaseErrors.RefusedCreateRole));
            }

            var row = deadlines.WithDueAt(new CaseRow
            {
                Code = await code.TakeAsync(connection, tx),
                CommunityId = compound.CommunityId,
                CommunityName = compound.CommunityName,
                CompoundId = compound.Id,
                CompoundName = compound.Name,
                BuildingId = input.BuildingId,
                Category = input.Category!,
                Title = input.Title!.Trim(),
                Description = input.Description!.Trim(),
                SourceChannel = input.SourceChannel!,
                ReporterName = Blank(input.ReporterName),
                ReporterPhone = Blank(input.ReporterPhone),
                Level = input.Level!,
                Status = CaseStatuses.Open,
                AssignedUnitKind = input.AssignedUnitKind,
                AssignedUnitName = Blank(input.AssignedUnitName),
                OpenedAt = now,
                LevelEnteredAt = now,
                UpdatedAt = now,
                Version = 1,
            });
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO cases (code, community_id, compound_id, building_id, category, title, description, source_channel,
                    reporter_name, reporter_phone, level, status, assigned_unit_kind, assigned_unit_name, consultation_rounds,
                    opened_at, level_entered_at, due_at, updated_at, version, is_assumption)
                VALUES (@Code, @CommunityId, @CompoundId, @BuildingId, @Category, @Title, @Description, @SourceChannel,
                    @ReporterName, @ReporterPhone, @Level, @Status, @AssignedUnitKind, @AssignedUnitName, 0,
                    @OpenedAt, @LevelEnteredAt, @DueAt, @UpdatedAt, 1, 0)
                RETURNING id
                """,
                row, tx);
            row = row with { Id = id };
            await AppendEventAsync(connection, tx, user, id, CaseEventKinds.Opened, now, row.Description, null, null, null);
            await Audit.WriteAsync(connection, tx, now, user, "case.create", "case", id, refused: false, after: row);
            if (alongside is not null)
            {
                await alongside(connection, tx, id);
            }

            await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.CaseOpened, "case", id, row.CommunityId, $"{row.Code} {row.Title}");
            return new CaseCommandResult { Outcome = CaseOutcome.Ok, CaseId = id, Version = 1 };
        }, cancellationToken);
    }

    /// <summary>Applies one timeline action if <paramref name="expectedVersion"/> (the version the user saw) is still the case's version.</summary>
    public async Task<CaseCommandResult> ApplyAsync(ActingUser user, long caseId, long expectedVersion, CaseAction action, CancellationToken cancellationToken = default)
    {
        var errors = CaseValidation.ValidateAction(action, clock.Today);
        if (errors.Count > 0)
        {
            return CaseCommandResult.Invalid(errors) with { CaseId = caseId };
        }

        return await db.WriteAsAsync(user, (connection, tx) => ApplyInTransactionAsync(connection, tx, user, caseId, expectedVersion, action, db.NowMs), cancellationToken);
    }

    /// <summary>
    /// <see cref="ApplyAsync"/> inside a caller's write transaction, for writes that change a case together with
    /// something else (a meeting decision, a council result, an automatic escalation): the same checks, the same
    /// rows. <paramref name="expectedVersion"/> is the version the caller based its decision on; a system caller that
    /// read the case in this same transaction passes what it read.
    /// </summary>
    public async Task<CaseCommandResult> ApplyInTransactionAsync(DbConnection connection, DbTransaction tx, ActingUser user, long caseId, long expectedVersion, CaseAction action, long now)
    {
        var errors = CaseValidation.ValidateAction(action, clock.Today);
        if (errors.Count > 0)
        {
            return CaseCommandResult.Invalid(errors) with { CaseId = caseId };
        }

        // Stored as checked (TextRules): trimmed, else as typed — the unit name on the case row as on its timeline.
        action = action with { Body = Blank(action.Body), Participants = Blank(action.Participants), UnitName = Blank(action.UnitName) };
        var auditAction = "case." + action.Kind.ToString().ToLowerInvariant();
        var before = await CaseQueries.ReadCaseAsync(connection, tx, caseId);
        if (before is null)
        {
            return new CaseCommandResult { Outcome = CaseOutcome.NotFound, CaseId = caseId, Error = new(CaseErrors.NotFound) };
        }

        if (!CaseAccess.CanAct(user, before, action.Kind))
        {
            // The row is not echoed back to a user who may not read it.
            await Audit.WriteAsync(connection, tx, now, user, auditAction, "case", caseId, refused: true, after: action);
            return CaseCommandResult.Refused(CaseAccess.Refusal(user, before)) with { CaseId = caseId };
        }

        if (before.Version != expectedVersion)
        {
            return await ConflictAsync(connection, tx, before);
        }

        if (action is { Kind: CaseActionKind.Assign, DueOn: { } dueOn })
        {
            // The chair picks a day; the deadline is the end of that day in the town's time zone.
            action = action with { DueAt = clock.StartOfDayMs(dueOn.AddDays(1)) };
        }

        var (transition, error) = CaseStateMachine.Apply(before, action, now);
        if (transition is null)
        {
            return new CaseCommandResult { Outcome = CaseOutcome.Invalid, CaseId = caseId, Version = before.Version, Error = error };
        }

        CaseAssignee? person = null;
        if (action is { Kind: CaseActionKind.AssignPerson, PersonId: { } personId })
        {
            // The person is read in this transaction, so an account deactivated or moved a moment ago is refused.
            person = await ReadAssigneeAsync(connection, tx, personId, db.Dialect);
            if (CaseAccess.AssigneeRefusal(person, before) is { } refusal)
            {
                return new CaseCommandResult
                {
                    Outcome = CaseOutcome.Invalid,
                    CaseId = caseId,
                    Version = before.Version,
                    Error = refusal,
                    Errors = new Dictionary<string, DataError> { [nameof(CaseAction.PersonId)] = refusal },
                };
            }
        }

        var after = deadlines.WithDueAt(transition.After) with { Version = before.Version + 1 };
        var updated = await connection.ExecuteAsync(
            """
            UPDATE cases SET level = @Level, status = @Status, assigned_unit_kind = @AssignedUnitKind,
                assigned_unit_name = @AssignedUnitName, paired_unit = @PairedUnit, consultation_rounds = @ConsultationRounds,
                level_entered_at = @LevelEnteredAt, replied_at = @RepliedAt, action_at = @ActionAt, result_at = @ResultAt,
                resolved_at = @ResolvedAt, closed_at = @ClosedAt, due_at = @DueAt, assigned_due_at = @AssignedDueAt,
                assignee_id = @AssigneeId, updated_at = @UpdatedAt, version = @Version
            WHERE id = @Id AND version = @expected
            """,
            new
            {
                after.Level, after.Status, after.AssignedUnitKind, after.AssignedUnitName, after.PairedUnit, after.ConsultationRounds,
                after.LevelEnteredAt, after.RepliedAt, after.ActionAt, after.ResultAt, after.ResolvedAt, after.ClosedAt, after.DueAt, after.AssignedDueAt,
                after.AssigneeId, after.UpdatedAt, after.Version, after.Id, expected = expectedVersion,
            },
            tx);
        if (updated == 0)
        {
            return await ConflictAsync(connection, tx, (await CaseQueries.ReadCaseAsync(connection, tx, caseId))!);
        }

        await AppendEventAsync(connection, tx, user, caseId, transition.EventKind, now, Blank(action.Body), transition.FromLevel, transition.ToLevel, EventData(action, after, person));
        await Audit.WriteAsync(connection, tx, now, user, auditAction, "case", caseId, refused: false, before, after with { AssigneeName = person?.DisplayName });
        await ChangeLog.AppendAsync(connection, tx, now, transition.ChangeKind, "case", caseId, after.CommunityId, $"{after.Code} {after.Title}");
        return new CaseCommandResult { Outcome = CaseOutcome.Ok, CaseId = caseId, Version = after.Version };
    }

    /// <summary>
    /// Records every deadline that passed unmet by <paramref name="nowMs"/>: one case_breaches row per case, mark and
    /// level, and one change-log entry when the row is new, so running it twice changes nothing. For the watchdog job.
    /// </summary>
    public Task<int> RecordBreachesAsync(long nowMs, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (connection, tx) =>
        {
            if (!dueAtRefreshed)
            {
                await RefreshDueAtAsync(connection, tx);
                dueAtRefreshed = true;
            }

            var candidates = await connection.QueryAsync<CaseRow>(
                CaseQueries.SelectCase + " WHERE c.status IN ('open', 'in_progress') AND c.due_at <= @nowMs",
                new { nowMs }, tx);
            var recorded = 0;
            foreach (var c in candidates)
            {
                foreach (var mark in deadlines.Breached(c, nowMs))
                {
                    var inserted = await connection.ExecuteAsync(
                        """
                        INSERT INTO case_breaches (case_id, mark, level, due_at, recorded_at) VALUES (@caseId, @mark, @level, @dueAt, @nowMs)
                        ON CONFLICT (case_id, mark, level) DO NOTHING
                        """,
                        new { caseId = c.Id, mark = mark.Mark, level = mark.Level, dueAt = mark.DueAt, nowMs }, tx);
                    if (inserted == 1)
                    {
                        recorded++;
                        await ChangeLog.AppendAsync(connection, tx, nowMs, ChangeKinds.CaseDeadlineBreached, "case", c.Id, c.CommunityId, $"{c.Code} {c.Title}");
                    }
                }
            }

            return recorded;
        }, cancellationToken);

    /// <summary>The refusal of a write based on an old version: the case as it is now and what was done last, so the page can show what changed.</summary>
    private static async Task<CaseCommandResult> ConflictAsync(DbConnection connection, DbTransaction tx, CaseRow current) => new()
    {
        Outcome = CaseOutcome.Conflict,
        CaseId = current.Id,
        Version = current.Version,
        Error = new(CaseErrors.Conflict, current.Version),
        Current = current,
        LatestEvent = await connection.QueryFirstOrDefaultAsync<CaseEventRow>(
            "SELECT id, case_id, kind, at, user_id, actor, body, from_level, to_level, data FROM case_events WHERE case_id = @id ORDER BY at DESC, id DESC LIMIT 1",
            new { id = current.Id }, tx),
    };

    /// <summary>The facts stored with a timeline event beside its text: what the page shows under the event.</summary>
    private static string? EventData(CaseAction action, CaseRow after, CaseAssignee? person)
    {
        var data = new Dictionary<string, object?>();
        switch (action.Kind)
        {
            case CaseActionKind.Consultation:
                (data["heldOn"], data["participants"], data["round"]) = (action.HeldOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), action.Participants, after.ConsultationRounds);
                break;
            case CaseActionKind.Pairing:
                data["unit"] = action.UnitName;
                break;
            case CaseActionKind.Assign:
                (data["unit"], data["dueOn"]) = (action.UnitName, action.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case CaseActionKind.AssignPerson:
                // The name as it was when assigned (the timeline is history); null when the assignment was cleared.
                (data["personId"], data["person"]) = (person?.Id, person?.DisplayName);
                break;
        }

        foreach (var (key, value) in action.Data ?? new Dictionary<string, object?>())
        {
            data[key] = value;
        }

        if (action.Reason is { } reason)
        {
            data["reason"] = reason;
        }

        return data.Count == 0 ? null : Audit.ToJson(data);
    }

    /// <summary>
    /// Re-derives the stored <c>due_at</c> of every active case from <see cref="DeadlinePolicy"/>, once per process (the
    /// first watchdog run): rows written under other limits or an older rule get the deadline that governs them now.
    /// <c>due_at</c> is derived, so the case's version does not change.
    /// </summary>
    private async Task RefreshDueAtAsync(DbConnection connection, DbTransaction tx)
    {
        var active = await connection.QueryAsync<CaseRow>(CaseQueries.SelectCase + " WHERE c.status IN ('open', 'in_progress')", transaction: tx);
        foreach (var c in active)
        {
            if (deadlines.Next(c)?.DueAt is var due && due != c.DueAt)
            {
                await connection.ExecuteAsync("UPDATE cases SET due_at = @due WHERE id = @id", new { due, id = c.Id }, tx);
            }
        }
    }

    /// <summary>An account as a possible assignee, with a steward's compounds; null when there is no such account.</summary>
    internal static Task<CaseAssignee?> ReadAssigneeAsync(DbConnection connection, DbTransaction? tx, long id, SqlDialect dialect) =>
        connection.QuerySingleOrDefaultAsync<CaseAssignee>(
            $"""
            SELECT u.id, u.username, u.display_name, u.role, u.community_id, u.is_active,
                   (SELECT {dialect.JoinIds("x.compound_id")} FROM user_compounds x WHERE x.user_id = u.id) AS compound_list
            FROM users u WHERE u.id = @id
            """,
            new { id }, tx);

    private static Task<int> AppendEventAsync(DbConnection connection, DbTransaction tx, ActingUser user, long caseId, string kind, long at, string? body, string? fromLevel, string? toLevel, string? data) =>
        connection.ExecuteAsync(
            """
            INSERT INTO case_events (case_id, kind, at, user_id, actor, body, from_level, to_level, data)
            VALUES (@caseId, @kind, @at, @userId, @actor, @body, @fromLevel, @toLevel, @data)
            """,
            new { caseId, kind, at, userId = user.Id == 0 ? (long?)null : user.Id, actor = user.DisplayName is { Length: > 0 } d ? d : user.Username, body, fromLevel, toLevel, data },
            tx);

    private static string? Blank(string? value) => TextRules.Clean(value);
}
