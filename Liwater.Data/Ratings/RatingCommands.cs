using System.Data.Common;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Ratings;

/// <summary>
/// Publishes the ranking of an assessment period into <c>rating_results</c> (replacing the period's rows) and
/// announces it as <see cref="ChangeKinds.RatingPublished"/>. Quarter 1–4 is a quarterly ranking (rank and score);
/// quarter 0 is the year-end ranking with stars, the red list and the black list (<see cref="RatingRules"/>).
/// </summary>
/// <remarks>
/// The result depends only on the recorded scores and the options, so any past period can be recomputed and gives the
/// same rows; publishing a period whose rows are already what the scores give writes and announces nothing.
/// </remarks>
public sealed class RatingCommands(Db db, RatingOptions options)
{
    public const int YearEnd = 0;

    /// <summary>Ranks the period from its scores and publishes it if anything differs from the published rows.</summary>
    public Task<RatingPublication> PublishAsync(int year, int quarter, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return db.WriteAsync(
            async (connection, transaction) =>
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
                if (published.SequenceEqual(wanted))
                {
                    return new RatingPublication(year, quarter, ratings, Changed: false);
                }

                var now = db.NowMs;
                await connection.ExecuteAsync("DELETE FROM rating_results WHERE year = @year AND quarter = @quarter", new { year, quarter }, transaction);
                await connection.ExecuteAsync(
                    """
                    INSERT INTO rating_results (year, quarter, unit_id, rank, score, stars, list, computed_at)
                    VALUES (@year, @quarter, @UnitId, @Rank, @Score, @Stars, @List, @now)
                    """,
                    wanted.Select(r => new { year, quarter, r.UnitId, r.Rank, r.Score, r.Stars, r.List, now }),
                    transaction);
                await ChangeLog.AppendAsync(
                    connection, transaction, now, ChangeKinds.RatingPublished, "rating_period", PeriodId(year, quarter), null,
                    Summary(year, quarter, ratings));
                return new RatingPublication(year, quarter, ratings, Changed: true);
            },
            cancellationToken);
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

    private static string Summary(int year, int quarter, IReadOnlyList<UnitRating> ratings)
    {
        if (quarter != YearEnd)
        {
            return $"{year}年第{quarter}季度物业考核排名已发布：{ratings.Count} 个单位";
        }

        var stars = StarDistribution.Of(ratings);
        var black = ratings.Count(r => r.List == RatingList.Black);
        return $"{year}年度物业红黑榜已发布：五星 {stars.FiveStar}、四星 {stars.FourStar}、三星 {stars.ThreeStar}、无星 {stars.NoStar}，黑榜 {black}";
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
