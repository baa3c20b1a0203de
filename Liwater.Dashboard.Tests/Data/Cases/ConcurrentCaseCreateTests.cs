using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Cases.CaseTestData;

namespace Liwater.Dashboard.Tests.Data.Cases;

/// <summary>
/// Many staff creating cases in one compound at the same moment: every create is saved once with its own number, and
/// the compound's case count agrees. On PostgreSQL each write is a SERIALIZABLE transaction, and these writes all read
/// the year's highest case number and update the same case-count row, so they collide; before the writers that keep
/// colliding queued for one lock, most of them ran out of retries and the page answered 500.
/// </summary>
public sealed class ConcurrentCaseCreateTests : IAsyncLifetime, IDisposable
{
    private const int Writers = 64;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly CaseCommands commands;

    public ConcurrentCaseCreateTests()
    {
        database = new TempDatabase(time);
        commands = Commands(database.Db, time);
    }

    public async ValueTask InitializeAsync() => await SeedAsync(database.Db);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task CreateAsync_ManyAtOnceInOneCompound_EverySavedOnceWithItsOwnNumber()
    {
        using var start = new ManualResetEventSlim();
        var creates = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            return await commands.CreateAsync(StaffA, Input());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(creates);

        Assert.All(results, r => Assert.Equal(CaseOutcome.Ok, r.Outcome));
        var codes = await database.Db.ReadAsync(async c => (await c.QueryAsync<string>("SELECT code FROM cases ORDER BY code")).AsList());
        Assert.Equal(Enumerable.Range(1, Writers).Select(n => $"LS-2026-{n:0000}"), codes);
        var counted = await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(cases), 0) FROM agg_case_counts WHERE compound_id = @compound", new { compound = CompoundA }));
        Assert.Equal(Writers, counted);
    }
}
