using System.Data.Common;
using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Ratings;

/// <summary>
/// The published side of the assessment. The town office publishes a period (<see cref="PublishPeriodAsync"/>): its
/// sheets stop being drafts, its ranking is written to <c>rating_results</c> and announced as
/// <see cref="ChangeKinds.RatingPublished"/> (the wall's ticker shows it). Only the town office may re-open a published
/// period, with a reason (<see cref="ReopenPeriodAsync"/>). Quarter 1–4 is a quarterly ranking (rank and score);
/// quarter 0 is the year-end ranking with stars, the red list and the black list (<see cref="RatingRules"/>).
/// </summary>
/// <remarks>
/// The result depends only on the recorded scores and the options, so any published period can be recomputed
/// (<see cref="PublishAsync"/>, the nightly job) and gives the same rows; a period whose rows are already what the
/// scores give writes and announces nothing, and a draft period is never ranked into <c>rating_results</c>.
/// </remarks>
public sealed class RatingCommands(Db db, RatingOptions options)
{
    public const int YearEnd = 0;

    /// <summary>The longest re-open reason stored, in characters.</summary>
    public const int MaxReasonLength = 500;

    public static bool CanPublish(ActingUser user) => user.Role == Roles.TownOffice;

    /// <summary>
    /// Publishes a draft period: from now on the public screens show it, its sheets can no longer be changed, and its
    /// ranking is written and announced in the same transaction (audited).
    /// </summary>
    public async Task<RatingPublication> PublishPeriodAsync(ActingUser user, int year, int quarter, CancellationToken cancellationToken = default)
    {
        CheckPeriod(year, quarter);
        if (!CanPublish(user))
        {
            await Audit.RefusedAsync(db, user, "period.publish", "rating_period", PeriodId(year, quarter), new { year, quarter }, cancellationToken);
            throw new ScoreSheetRefusedException(new DataError(RatingErrors.PublishRefused));
        }

        return await db.WriteAsAsync(
            user,
            async (connection, transaction) =>
            {
                if (await PublishedPeriods.IsPublishedAsync(connection, year, quarter, transaction))
                {
                    throw new ScoreSheetRefusedException(new DataError(RatingErrors.AlreadyPublished, RatingErrors.Period(year, quarter)));
                }

                var now = db.NowMs;
                await connection.ExecuteAsync(
                    """
                    INSERT INTO assessment_periods (year, quarter, state, changed_at, changed_by, reopen_reason)
                    VALUES (@year, @quarter, 'published', @now, @by, NULL)
                    ON CONFLICT (year, quarter) DO UPDATE SET state = 'published', changed_at = @now, changed_by = @by, reopen_reason = NULL
                    """,
                    new { year, quarter, now, by = user.DisplayName.Length > 0 ? user.DisplayName : user.Username },
                    transaction);
                var publication = await WriteResultsAsync(connection, transaction, year, quarter, now, announce: true);
                if (publication.Ratings.Count == 0)
                {
                    throw new ScoreSheetRefusedException(new DataError(RatingErrors.NothingToPublish, RatingErrors.Period(year, quarter)));
                }

                await Audit.WriteAsync(
                    connection, transaction, now, user, "period.publish", "rating_period", PeriodId(year, quarter), refused: false,
                    after: new { year, quarter, state = PeriodStates.Published, units = publication.Ratings.Count });
                return publication;
            },
            cancellationToken);
    }

    /// <summary>
    /// Sets a published period back to draft so its sheets can be corrected: the town office only, with a reason
    /// (audited, and announced on the change log so every public screen falls back to the last published period).
    /// </summary>
    public async Task ReopenPeriodAsync(ActingUser user, int year, int quarter, string? reason, CancellationToken cancellationToken = default)
    {
        CheckPeriod(year, quarter);
        if (!CanPublish(user))
        {
            await Audit.RefusedAsync(db, user, "period.reopen", "rating_period", PeriodId(year, quarter), new { year, quarter, reason }, cancellationToken);
            throw new ScoreSheetRefusedException(new DataError(RatingErrors.PublishRefused));
        }

        if (TextRules.Check(reason, MaxReasonLength, required: true, RatingErrors.ReasonLabel) is { } invalid)
        {
            throw new ScoreSheetRefusedException(invalid, new Dictionary<string, DataError> { [ReasonField] = invalid });
        }

        var why = reason!.Trim();

        await db.WriteAsAsync(
            user,
            async (connection, transaction) =>
            {
                if (!await PublishedPeriods.IsPublishedAsync(connection, year, quarter, transaction))
                {
                    throw new ScoreSheetRefusedException(new DataError(RatingErrors.NotPublished, RatingErrors.Period(year, quarter)));
                }

                var now = db.NowMs;
                await connection.ExecuteAsync(
                    """
                    UPDATE assessment_periods SET state = 'draft', changed_at = @now, changed_by = @by, reopen_reason = @why
                    WHERE year = @year AND quarter = @quarter
                    """,
                    new { year, quarter, now, by = user.DisplayName.Length > 0 ? user.DisplayName : user.Username, why },
                    transaction);
                // A re-opened ranking is no longer official: the published rows go until the period is published again.
                await connection.ExecuteAsync("DELETE FROM rating_results WHERE year = @year AND quarter = @quarter", new { year, quarter }, transaction);
                await Audit.WriteAsync(
                    connection, transaction, now, user, "period.reopen", "rating_period", PeriodId(year, quarter), refused: false,
                    before: new { state = PeriodStates.Published }, after: new { state = PeriodStates.Draft, reason = why });
                await ChangeLog.AppendAsync(
                    connection, transaction, now, ChangeKinds.RatingReopened, "rating_period", PeriodId(year, quarter), null, new DataError(ChangeSummaries.RatingReopened, RatingErrors.Period(year, quarter), why));
                return 0;
            },
            cancellationToken);
    }

    public const string ReasonField = "reason";

    /// <summary>
    /// Re-ranks a published period from its scores and rewrites its published rows if anything differs (the job's
    /// entry; idempotent). A draft period is left alone.
    /// </summary>
    public Task<RatingPublication> PublishAsync(int year, int quarter, CancellationToken cancellationToken = default)
    {
        CheckPeriod(year, quarter);
        return db.WriteAsync(
            async (connection, transaction) =>
                await PublishedPeriods.IsPublishedAsync(connection, year, quarter, transaction)
                    ? await WriteResultsAsync(connection, transaction, year, quarter, db.NowMs, announce: false)
                    : new RatingPublication(year, quarter, [], Changed: false),
            cancellationToken);
    }

    private async Task<RatingPublication> WriteResultsAsync(DbConnection connection, DbTransaction transaction, int year, int quarter, long now, bool announce)
    {
        var ratings = await RankAsync(connection, transaction, year, quarter);
        if (ratings.Count == 0)
        {
            // No scores recorded (yet): keep whatever was published rather than blank the period.
            return new RatingPublication(year, quarter, ratings, Changed: false);
        }

        var published = (await connection.QueryAsync<PublishedRow>(
            "SELECT unit_id AS UnitId, rank, score, stars, list FROM rating_results WHERE year = @year AND quarter = @quarter ORDER BY unit_id",
            new { year, quarter },
            transaction)).AsList();
        var wanted = ratings.Select(PublishedRow.Of).OrderBy(r => r.UnitId).ToList();
        var changed = !published.SequenceEqual(wanted);
        if (changed)
        {
            await connection.ExecuteAsync("DELETE FROM rating_results WHERE year = @year AND quarter = @quarter", new { year, quarter }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO rating_results (year, quarter, unit_id, rank, score, stars, list, computed_at)
                VALUES (@year, @quarter, @UnitId, @Rank, @Score, @Stars, @List, @now)
                """,
                wanted.Select(r => new { year, quarter, r.UnitId, r.Rank, r.Score, r.Stars, r.List, now }),
                transaction);
        }

        if (changed || announce)
        {
            await ChangeLog.AppendAsync(
                connection, transaction, now, ChangeKinds.RatingPublished, "rating_period", PeriodId(year, quarter), null,
                Summary(year, quarter, ratings));
        }

        return new RatingPublication(year, quarter, ratings, Changed: changed || announce);
    }

    private static void CheckPeriod(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2100);
    }

    /// <summary>The ranking the period's scores give, without publishing it.</summary>
    public async Task<IReadOnlyList<UnitRating>> RankAsync(int year, int quarter, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await RankAsync(connection, null, year, quarter);
    }

    /// <summary>The change-log entity id of a period: year × 10 + quarter (20210 = year-end 2021, 20213 = Q3 2021).</summary>
    public static long PeriodId(int year, int quarter) => (year * 10L) + quarter;

    private async Task<IReadOnlyList<UnitRating>> RankAsync(DbConnection connection, DbTransaction? transaction, int year, int quarter)
    {
        var scores = await connection.QueryAsync<ScoreRow>(
            "SELECT unit_id AS UnitId, total AS Score FROM assessment_scores WHERE year = @year AND quarter = @quarter",
            new { year, quarter },
            transaction);
        var ranked = RatingRules.Rank(scores.Select(s => new UnitScore(s.UnitId, s.Score)), options);
        // Stars and lists are a year-end verdict; a quarterly ranking publishes the order only.
        return quarter == YearEnd ? ranked : ranked.Select(r => r with { Stars = 0, List = RatingList.None }).ToList();
    }

    private static DataError Summary(int year, int quarter, IReadOnlyList<UnitRating> ratings)
    {
        if (quarter != YearEnd)
        {
            return new DataError(ChangeSummaries.QuarterPublished, year, quarter, ratings.Count);
        }

        var stars = StarDistribution.Of(ratings);
        var black = ratings.Count(r => r.List == RatingList.Black);
        return new DataError(ChangeSummaries.YearPublished, year, stars.FiveStar, stars.FourStar, stars.ThreeStar, stars.NoStar, black);
    }

    private sealed record ScoreRow
    {
        public long UnitId { get; init; }
        public double Score { get; init; }
    }

    private sealed record PublishedRow
    {
        public long UnitId { get; init; }
        public long Rank { get; init; }
        public double Score { get; init; }
        public long Stars { get; init; }
        public string? List { get; init; }

        public static PublishedRow Of(UnitRating rating) => new()
        {
            UnitId = rating.UnitId,
            Rank = rating.Rank,
            Score = rating.Score,
            Stars = rating.Stars,
            List = rating.List switch { RatingList.Red => "red", RatingList.Black => "black", _ => null },
        };
    }
}

/// <summary>The ranking of one period and whether publishing it changed the published rows.</summary>
public sealed record RatingPublication(int Year, int Quarter, IReadOnlyList<UnitRating> Ratings, bool Changed);
