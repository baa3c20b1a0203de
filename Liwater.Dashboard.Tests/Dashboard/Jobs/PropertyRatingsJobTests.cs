using Dapper;
using Liwater.Dashboard.Jobs;
using Liwater.Data.Changes;
using Liwater.Data.Ratings;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

public sealed class PropertyRatingsJobTests
{
    /// <summary>Mid-February 2022: the 2021 year-end scores are in.</summary>
    private static readonly DateTimeOffset February2022 = new(2022, 2, 15, 9, 0, 0, TimeSpan.FromHours(8));

    private static PropertyRatingsJob Job(JobTestDatabase db) =>
        new(new RatingCommands(db.Db, new RatingOptions()), db.Town, NullLogger<PropertyRatingsJob>.Instance);

    [Fact]
    public async Task RunAsync_YearEnd2021_ReproducesNineSixteenTenFour()
    {
        using var db = await JobTestDatabase.CreateAsync();

        Assert.True(await Job(db).RunAsync(2021, 0));

        Assert.Equal(39, await db.CountAsync("SELECT COUNT(*) FROM rating_results WHERE year = 2021 AND quarter = 0"));
        var stars = (await QueryAsync<(long Stars, long Count)>(db, "SELECT stars, COUNT(*) FROM rating_results WHERE year = 2021 AND quarter = 0 GROUP BY stars ORDER BY stars DESC"))
            .ToDictionary(r => r.Stars, r => r.Count);
        Assert.Equal(9, stars[5]);
        Assert.Equal(16, stars[4]);
        Assert.Equal(10, stars[3]);
        Assert.Equal(4, stars[0]);
        var red = await QueryAsync<(long Rank, double Score)>(db, "SELECT rank, score FROM rating_results WHERE year = 2021 AND quarter = 0 AND list = 'red' ORDER BY rank");
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), red.Select(r => r.Rank));
        Assert.All(red, r => Assert.True(r.Score >= 80));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind AND entity_id = 20210", new { kind = ChangeKinds.RatingPublished }));
    }

    [Fact]
    public async Task RunAsync_YearEndWithAFailingUnit_PutsItOnTheBlackList()
    {
        using var db = await JobTestDatabase.CreateAsync();
        await db.Db.WriteAsync((c, t) => c.ExecuteAsync("UPDATE assessment_scores SET total = 55 WHERE year = 2021 AND quarter = 0 AND unit_id = 39", transaction: t));

        await Job(db).RunAsync(2021, 0);

        Assert.Equal(39, await db.CountAsync("SELECT unit_id FROM rating_results WHERE year = 2021 AND quarter = 0 AND list = 'black'"));
    }

    [Fact]
    public async Task RunAsync_Twice_ChangesNothingTheSecondTime()
    {
        using var db = await JobTestDatabase.CreateAsync();
        await Job(db).RunAsync(2021, 0);
        var computedAt = await db.CountAsync("SELECT MAX(computed_at) FROM rating_results");
        var changes = await db.CountAsync("SELECT MAX(id) FROM change_log");

        db.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await Job(db).RunAsync(2021, 0));

        Assert.Equal(computedAt, await db.CountAsync("SELECT MAX(computed_at) FROM rating_results"));
        Assert.Equal(changes, await db.CountAsync("SELECT MAX(id) FROM change_log"));
    }

    [Fact]
    public async Task RunAsync_PastPeriodRecomputed_GivesTheSameRows()
    {
        using var db = await JobTestDatabase.CreateAsync();
        await Job(db).RunAsync(2021, 0);
        const string Rows = "SELECT unit_id || ':' || rank || ':' || score || ':' || stars || ':' || COALESCE(list, '') FROM rating_results WHERE year = 2021 AND quarter = 0 ORDER BY unit_id";
        var first = await QueryAsync<string>(db, Rows);
        await db.Db.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM rating_results", transaction: t));

        Assert.True(await Job(db).RunAsync(2021, 0));

        Assert.Equal(first, await QueryAsync<string>(db, Rows));
    }

    [Fact]
    public async Task RunAsync_Quarter_PublishesTheRankingWithoutStars()
    {
        using var db = await JobTestDatabase.CreateAsync();

        Assert.True(await Job(db).RunAsync(2021, 2));

        Assert.Equal(39, await db.CountAsync("SELECT COUNT(*) FROM rating_results WHERE year = 2021 AND quarter = 2"));
        Assert.Equal(1, await db.CountAsync("SELECT MIN(rank) FROM rating_results WHERE year = 2021 AND quarter = 2"));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM rating_results WHERE stars <> 0 OR list IS NOT NULL"));
    }

    [Fact]
    public async Task PublishFinishedPeriodsAsync_February2022_PublishesThe2021QuartersAndYearOnce()
    {
        using var db = await JobTestDatabase.CreateAsync(start: February2022);

        Assert.Equal(5, await Job(db).PublishFinishedPeriodsAsync());
        Assert.Equal(0, await Job(db).PublishFinishedPeriodsAsync());

        Assert.Equal(5, await db.CountAsync("SELECT COUNT(DISTINCT quarter) FROM rating_results WHERE year = 2021"));
        Assert.Equal(5, await db.CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind", new { kind = ChangeKinds.RatingPublished }));
    }

    [Fact]
    public void FinishedPeriods_August_AreLastYearsAndThisYearsFirstTwoQuarters() =>
        Assert.Equal(
            [(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2025, 0), (2026, 1), (2026, 2)],
            PropertyRatingsJob.FinishedPeriods(new DateOnly(2026, 8, 3)));

    private static async Task<List<T>> QueryAsync<T>(JobTestDatabase db, string sql)
    {
        await using var connection = await db.Db.OpenAsync();
        return (await connection.QueryAsync<T>(sql)).AsList();
    }
}
