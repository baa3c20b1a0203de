using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Data.Statistics;

public sealed class SnapshotQueriesTests : IDisposable
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // 2026-12-10 12:00 in Shanghai.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 10, 4, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly TownClock town;

    public SnapshotQueriesTests()
    {
        database = new TempDatabase(clock);
        town = new TownClock(clock, Shanghai);
    }

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task DailyAsync_HandBuiltRows_LastSnapshotOfEachLocalDayOfThatScopeOnly()
    {
        // Local times in Shanghai (UTC+8): 12-08 09:00 and 23:59 (that day's last), 12-09 none, 12-10 00:30 (which is
        // still 12-09 16:30 UTC: a UTC day boundary would put it on the 9th) and 11:00.
        await InsertAsync("compound", 7, Local(2026, 12, 8, 9, 0), open: 3, resolved: 0);
        await InsertAsync("compound", 7, Local(2026, 12, 8, 23, 59), open: 5, resolved: 2);
        await InsertAsync("compound", 7, Local(2026, 12, 10, 0, 30), open: 1, resolved: 0);
        await InsertAsync("compound", 7, Local(2026, 12, 10, 11, 0), open: 2, resolved: 4);
        await InsertAsync("compound", 8, Local(2026, 12, 10, 11, 30), open: 99, resolved: 99);
        await InsertAsync("community", 7, Local(2026, 12, 10, 11, 30), open: 98, resolved: 98);
        await InsertAsync("compound", 7, Local(2026, 11, 1, 12, 0), open: 97, resolved: 97);

        var days = await new SnapshotQueries(database.Db, town).DailyAsync(SnapshotScopes.Compound, 7, 30, TestContext.Current.CancellationToken);

        Assert.Equal([("2026-12-08", 5L, 2L), ("2026-12-10", 2L, 4L)], days.Select(d => (d.Day, d.OpenCases, d.ResolvedToday)));
    }

    [Fact]
    public async Task DailyAsync_NoSnapshots_ReturnsNoPoints()
    {
        var days = await new SnapshotQueries(database.Db, town).DailyAsync(SnapshotScopes.Town, 0, 30, TestContext.Current.CancellationToken);

        Assert.Empty(days);
    }

    private static long Local(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    private Task<int> InsertAsync(string scope, long scopeId, long takenAt, long open, long resolved) =>
        database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO statistics_snapshots (taken_at, scope, scope_id, open_cases, breached, resolved_today, volunteer_hours_today, volunteer_hours_month, figures)
            VALUES (@takenAt, @scope, @scopeId, @open, 0, @resolved, 0, 0, '{}')
            """,
            new { takenAt, scope, scopeId, open, resolved }, t));
}
