using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Ratings;

/// <summary>
/// Saves score sheets: one transaction writes the total, the item scores, the audit row and the change-log row.
/// Only the town office and the assessment panel may score (the scores decide the red and black lists); anyone else
/// is refused here, in the data layer, and the attempt is audited. When an item is computed from the unit's service
/// record (<see cref="IComputedChecklistItem"/>, off by default), the sheet takes the computed points for it instead of
/// the assessor's, stores the figures they came from beside them, and the total (hence the ranking) includes them.
/// </summary>
public sealed class ScoreSheetCommands(Db db, RatingOptions options, IComputedChecklistItem? computedItem = null)
{
    private readonly IComputedChecklistItem computed = computedItem ?? IComputedChecklistItem.None;

    public static bool CanScore(ActingUser user) => user.Role is Roles.TownOffice or Roles.Assessor;

    /// <summary>
    /// Inserts the sheet for (unit, year, quarter), or updates the stored one when the caller started from it
    /// (<see cref="ScoreSheetInput.ExpectedRecordedAt"/> matches). Returns the new <c>recorded_at</c>.
    /// </summary>
    public async Task<long> SaveAsync(ActingUser user, ScoreSheetInput input, CancellationToken cancellationToken = default)
    {
        if (!CanScore(user))
        {
            await Audit.RefusedAsync(db, user, "score.save", "assessment_unit", input.UnitId, input, cancellationToken);
            throw new ScoreSheetRefusedException(new DataError(RatingErrors.ScoreRefused));
        }

        var checklist = options.EffectiveChecklist;

        // Read before the write transaction (a WAL reader on its own connection). With no data in the record the
        // assessor's score stands, so the item is never left empty.
        var computedScore = ScoreSheetRules.IsPeriodValid(input.Year, input.Quarter)
            ? await computed.ScoreAsync(input.UnitId, input.Year, input.Quarter, cancellationToken)
            : null;
        if (computedScore is not null)
        {
            input = input with { Scores = new Dictionary<string, double?>(input.Scores) { [computedScore.Code] = computedScore.Points } };
        }

        var errors = ScoreSheetRules.Check(input, checklist);
        if (errors.Count > 0)
        {
            throw new ScoreSheetRefusedException(new DataError(RatingErrors.SheetInvalid), errors);
        }

        var total = ScoreSheetRules.Total(input.Scores, checklist);
        var periodWord = RatingErrors.Period(input.Year, input.Quarter);
        return await db.WriteAsAsync(
            user,
            async (connection, transaction) =>
            {
                var unit = await connection.QuerySingleOrDefaultAsync<UnitRow>(
                    """
                    SELECT u.id, c.name AS compound_name, c.community_id FROM assessment_units u
                    JOIN compounds c ON c.id = u.compound_id WHERE u.id = @unitId
                    """,
                    new { unitId = input.UnitId },
                    transaction) ?? throw new ScoreSheetRefusedException(new DataError(RatingErrors.UnitMissing));
                if (await PublishedPeriods.IsPublishedAsync(connection, input.Year, input.Quarter, transaction))
                {
                    throw new ScoreSheetRefusedException(new DataError(RatingErrors.PeriodPublished, periodWord));
                }

                var stored = await connection.QuerySingleOrDefaultAsync<StoredRow>(
                    "SELECT id, recorded_at, assessor FROM assessment_scores WHERE unit_id = @unitId AND year = @year AND quarter = @quarter",
                    new { unitId = input.UnitId, year = input.Year, quarter = input.Quarter },
                    transaction);

                // Strictly later than the stored stamp, so the token changes even within one millisecond.
                var now = Math.Max(db.NowMs, (stored?.RecordedAt ?? 0) + 1);
                long scoreId;
                if (stored is null)
                {
                    if (input.ExpectedRecordedAt is not null)
                    {
                        throw new ScoreSheetRefusedException(new DataError(RatingErrors.SheetDeleted, unit.CompoundName, periodWord));
                    }

                    scoreId = await connection.ExecuteScalarAsync<long>(
                        """
                        INSERT INTO assessment_scores (unit_id, year, quarter, total, assessor, comments, recorded_at, is_assumption)
                        VALUES (@UnitId, @Year, @Quarter, @total, @assessor, @comments, @now, 0) RETURNING id
                        """,
                        new { input.UnitId, input.Year, input.Quarter, total, assessor = input.Assessor.Trim(), comments = Clean(input.Comments), now },
                        transaction);
                }
                else
                {
                    if (input.ExpectedRecordedAt != stored.RecordedAt)
                    {
                        throw new ScoreSheetRefusedException(
                            input.ExpectedRecordedAt is null
                                ? new DataError(RatingErrors.SheetExists, unit.CompoundName, periodWord, stored.Assessor)
                                : new DataError(RatingErrors.SheetChanged, unit.CompoundName, periodWord, stored.Assessor));
                    }

                    scoreId = stored.Id;
                    await connection.ExecuteAsync(
                        """
                        UPDATE assessment_scores SET total = @total, assessor = @assessor, comments = @comments, recorded_at = @now, is_assumption = 0
                        WHERE id = @scoreId
                        """,
                        new { scoreId, total, assessor = input.Assessor.Trim(), comments = Clean(input.Comments), now },
                        transaction);
                    await connection.ExecuteAsync("DELETE FROM assessment_score_items WHERE score_id = @scoreId", new { scoreId }, transaction);
                }

                foreach (var item in checklist)
                {
                    var from = item.Code == computedScore?.Code ? computedScore.Source.ToJson() : null;
                    await connection.ExecuteAsync(
                        "INSERT INTO assessment_score_items (score_id, item_code, score, computed_from) VALUES (@scoreId, @code, @score, @from)",
                        new { scoreId, code = item.Code, score = input.Scores[item.Code]!.Value, from },
                        transaction);
                }

                await Audit.WriteAsync(
                    connection, transaction, now, user, "score.save", "assessment_score", scoreId, refused: false,
                    after: new { input.UnitId, input.Year, input.Quarter, total, input.Scores, input.Assessor, computed = computedScore });
                await ChangeLog.AppendAsync(
                    connection, transaction, now, ChangeKinds.ScoreRecorded, "assessment_score", scoreId, unit.CommunityId, new DataError(ChangeSummaries.ScoreRecorded, unit.CompoundName, periodWord, total));
                return now;
            },
            cancellationToken);
    }

    private static string? Clean(string? text) => TextRules.Clean(text);

    private sealed record UnitRow
    {
        public long Id { get; init; }
        public string CompoundName { get; init; } = "";
        public long CommunityId { get; init; }
    }

    private sealed record StoredRow
    {
        public long Id { get; init; }
        public long RecordedAt { get; init; }
        public string Assessor { get; init; } = "";
    }
}
