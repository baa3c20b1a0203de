using System.Data.Common;
using System.Globalization;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Cases;

/// <summary>
/// Every change to a case: one transaction that checks the user's rights, updates the row under optimistic
/// concurrency (<c>version</c>), appends the timeline event, the audit row (before/after) and the change-log entry.
/// A refusal is audited in the same way, so a forged request leaves a trace.
/// </summary>
public sealed class CaseCommands(Db db, TownClock clock, CaseOptions options)
{
    private readonly DeadlinePolicy deadlines = new(options.Deadlines);

    public DeadlinePolicy Deadlines => deadlines;

    public async Task<CaseCommandResult> CreateAsync(ActingUser user, NewCase input, CancellationToken cancellationToken = default)
    {
        var errors = CaseValidation.ValidateNew(input, options);
        if (errors.Count > 0)
        {
            return CaseCommandResult.Invalid(errors);
        }

        return await db.WriteAsync(async (connection, tx) =>
        {
            var now = db.NowMs;
            var compound = await connection.QuerySingleOrDefaultAsync<CompoundRef>(
                "SELECT p.id, p.name, p.community_id, m.name AS community_name FROM compounds p JOIN communities m ON m.id = p.community_id WHERE p.id = @id",
                new { id = input.CompoundId }, tx);
            if (compound is null)
            {
                return CaseCommandResult.Invalid(new Dictionary<string, string> { [nameof(NewCase.CompoundId)] = "所选小区不存在。" });
            }

            if (input.BuildingId is { } buildingId)
            {
                var buildingCompound = await connection.ExecuteScalarAsync<long?>("SELECT compound_id FROM buildings WHERE id = @buildingId", new { buildingId }, tx);
                var error = buildingCompound is null ? "所选楼栋不存在。" : buildingCompound != compound.Id ? "该楼栋不属于所选小区。" : null;
                if (error is not null)
                {
                    return CaseCommandResult.Invalid(new Dictionary<string, string> { [nameof(NewCase.BuildingId)] = error });
                }
            }

            if (!CaseAccess.CanCreate(user, compound.CommunityId))
            {
                await Audit.WriteAsync(connection, tx, now, user, "case.create", "case", null, refused: true, after: input);
                return CaseCommandResult.Refused(CaseAccess.CanCreateAny(user) ? "您只能为本社区的小区登记案件。" : "您的角色不能登记案件。");
            }

            var year = clock.ToLocal(now).Year.ToString(CultureInfo.InvariantCulture);
            var next = await connection.ExecuteScalarAsync<long>(
                "SELECT COALESCE(MAX(CAST(substr(code, 9) AS BIGINT)), 0) + 1 FROM cases WHERE code LIKE @prefix",
                new { prefix = $"LS-{year}-%" }, tx);
            var row = deadlines.WithDueAt(new CaseRow
            {
                Code = $"LS-{year}-{next:0000}",
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
            await AppendEventAsync(connection, tx, user, id, "opened", now, row.Description, null, null, null);
            await Audit.WriteAsync(connection, tx, now, user, "case.create", "case", id, refused: false, after: row);
            await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.CaseOpened, "case", id, row.CommunityId, $"{row.Code} {row.Title}");
            return new CaseCommandResult { Outcome = CaseOutcome.Ok, CaseId = id, Version = 1 };
        }, cancellationToken);
    }

    /// <summary>Applies one timeline action if <paramref name="expectedVersion"/> is still the case's version.</summary>
    public async Task<CaseCommandResult> ApplyAsync(ActingUser user, long caseId, long expectedVersion, CaseAction action, CancellationToken cancellationToken = default)
    {
        var errors = CaseValidation.ValidateAction(action, clock.Today);
        if (errors.Count > 0)
        {
            return CaseCommandResult.Invalid(errors);
        }

        return await db.WriteAsync((connection, tx) => ApplyInTransactionAsync(connection, tx, user, caseId, expectedVersion, action, db.NowMs), cancellationToken);
    }

    /// <summary>
    /// The core of <see cref="ApplyAsync"/> inside a caller's write transaction, for writes that change a case together
    /// with something else (a meeting decision, a council result, an automatic escalation). Input validation of
    /// <paramref name="action"/> is the caller's.
    /// </summary>
    public async Task<CaseCommandResult> ApplyInTransactionAsync(DbConnection connection, DbTransaction tx, ActingUser user, long caseId, long expectedVersion, CaseAction action, long now)
    {
        var auditAction = "case." + action.Kind.ToString().ToLowerInvariant();
        var before = await CaseQueries.ReadCaseAsync(connection, tx, caseId);
        if (before is null)
        {
            return new CaseCommandResult { Outcome = CaseOutcome.NotFound, CaseId = caseId, Message = "案件不存在。" };
        }

        if (!CaseAccess.CanAct(user, before, action.Kind))
        {
            // The row is not echoed back to a user who may not read it.
            await Audit.WriteAsync(connection, tx, now, user, auditAction, "case", caseId, refused: true, after: action);
            return CaseCommandResult.Refused(CaseAccess.RefusalMessage(user, before)) with { CaseId = caseId };
        }

        if (before.Version != expectedVersion)
        {
            return Conflict(caseId, before.Version);
        }

        if (action is { Kind: CaseActionKind.Assign, DueOn: { } dueOn })
        {
            // The chair picks a day; the deadline is the end of that day in the town's time zone.
            action = action with { DueAt = clock.StartOfDayMs(dueOn.AddDays(1)) };
        }

        var (transition, error) = CaseStateMachine.Apply(before, action, now);
        if (transition is null)
        {
            return new CaseCommandResult { Outcome = CaseOutcome.Invalid, CaseId = caseId, Version = before.Version, Message = error };
        }

        var after = deadlines.WithDueAt(transition.After) with { Version = before.Version + 1 };
        var updated = await connection.ExecuteAsync(
            """
            UPDATE cases SET level = @Level, status = @Status, assigned_unit_kind = @AssignedUnitKind,
                assigned_unit_name = @AssignedUnitName, paired_unit = @PairedUnit, consultation_rounds = @ConsultationRounds,
                level_entered_at = @LevelEnteredAt, replied_at = @RepliedAt, action_at = @ActionAt, result_at = @ResultAt,
                resolved_at = @ResolvedAt, closed_at = @ClosedAt, due_at = @DueAt, assigned_due_at = @AssignedDueAt,
                updated_at = @UpdatedAt, version = @Version
            WHERE id = @Id AND version = @expected
            """,
            new
            {
                after.Level, after.Status, after.AssignedUnitKind, after.AssignedUnitName, after.PairedUnit, after.ConsultationRounds,
                after.LevelEnteredAt, after.RepliedAt, after.ActionAt, after.ResultAt, after.ResolvedAt, after.ClosedAt, after.DueAt, after.AssignedDueAt,
                after.UpdatedAt, after.Version, after.Id, expected = expectedVersion,
            },
            tx);
        if (updated == 0)
        {
            var current = await connection.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @caseId", new { caseId }, tx);
            return Conflict(caseId, current);
        }

        var data = action.Kind switch
        {
            CaseActionKind.Consultation => Audit.ToJson(new { heldOn = action.HeldOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), participants = action.Participants, round = after.ConsultationRounds }),
            CaseActionKind.Pairing => Audit.ToJson(new { unit = action.UnitName }),
            CaseActionKind.Assign => Audit.ToJson(new { unit = action.UnitName, dueOn = action.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
            _ => null,
        };
        await AppendEventAsync(connection, tx, user, caseId, transition.EventKind, now, Blank(action.Body), transition.FromLevel, transition.ToLevel, data);
        await Audit.WriteAsync(connection, tx, now, user, auditAction, "case", caseId, refused: false, before, after);
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

    private static CaseCommandResult Conflict(long caseId, long currentVersion) => new()
    {
        Outcome = CaseOutcome.Conflict,
        CaseId = caseId,
        Version = currentVersion,
        Message = $"保存失败：该案件已被他人修改（当前版本 {currentVersion}）。请刷新查看最新内容后再操作。",
    };

    private static Task<int> AppendEventAsync(DbConnection connection, DbTransaction tx, ActingUser user, long caseId, string kind, long at, string? body, string? fromLevel, string? toLevel, string? data) =>
        connection.ExecuteAsync(
            """
            INSERT INTO case_events (case_id, kind, at, user_id, actor, body, from_level, to_level, data)
            VALUES (@caseId, @kind, @at, @userId, @actor, @body, @fromLevel, @toLevel, @data)
            """,
            new { caseId, kind, at, userId = user.Id == 0 ? (long?)null : user.Id, actor = user.DisplayName is { Length: > 0 } d ? d : user.Username, body, fromLevel, toLevel, data },
            tx);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
