using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Cases.CaseTestData;

namespace Liwater.Dashboard.Tests.Data.Statistics;

/// <summary>
/// On PostgreSQL the case counts are deltas, read through the <c>agg_case_counts</c> view as sums and folded every few seconds
/// (decision 0125); the counts read the same before and after a fold, also while creates run. On SQLite the counts are
/// rows kept in place and the fold does nothing.
/// </summary>
public sealed class CaseCountDeltasTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly CaseCommands commands;
    private readonly CaseCountDeltas deltas;

    public CaseCountDeltasTests()
    {
        database = new TempDatabase(time);
        commands = Commands(database.Db, time);
        deltas = new CaseCountDeltas(database.Db);
    }

    public async ValueTask InitializeAsync() => await SeedAsync(database.Db);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task FoldAsync_AfterCreatesAndMoves_CountsUnchangedAndOneRowPerKey()
    {
        var inA = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            inA.Add(await CreateAsync(CompoundA, BuildingA1));
        }

        await CreateAsync(CompoundB, BuildingB1);
        await CreateAsync(CompoundB, BuildingB1);
        await database.Db.WriteAsync((c, t) => c.ExecuteAsync($"UPDATE cases SET status = 'resolved' WHERE {SqlDialect.Of(c).InList("id", "@ids")}", new { ids = inA.Take(2).ToArray() }, t));
        (string, long, long)[] expected = [("open", CompoundA, 3), ("open", CompoundB, 2), ("resolved", CompoundA, 2)];
        Assert.Equal(expected, await CountsAsync());

        var folded = await deltas.FoldAsync();

        Assert.Equal(expected, await CountsAsync());
        Assert.Empty(await new AggregateCheck(database.Db).CheckAsync());
        if (TestDatabases.IsPostgreSql)
        {
            // 7 creates and 2 moves appended 11 deltas over 3 keys; the fold left one row per key.
            Assert.Equal(3, folded);
            Assert.Equal(3, await DeltaRowsAsync());
            Assert.Equal(0, await deltas.FoldAsync());
        }
        else
        {
            Assert.Equal(0, folded);
        }
    }

    [Fact]
    public async Task FoldAsync_WhileCasesAreCreated_NoCreateIsLostOrCountedTwice()
    {
        const int Creates = 48;
        using var stop = new CancellationTokenSource();
        var folding = Task.Run(async () =>
        {
            var folds = 0;
            while (!stop.IsCancellationRequested)
            {
                await deltas.FoldAsync();
                folds++;
            }

            return folds;
        });
        var creates = Enumerable.Range(0, Creates).Select(i => Task.Run(() => CreateAsync(i % 2 == 0 ? CompoundA : CompoundB, i % 2 == 0 ? BuildingA1 : BuildingB1))).ToList();
        await Task.WhenAll(creates);
        await stop.CancelAsync();
        Assert.True(await folding > 0);
        await deltas.FoldAsync();

        (string, long, long)[] expected = [("open", CompoundA, Creates / 2), ("open", CompoundB, Creates / 2)];
        Assert.Equal(expected, await CountsAsync());
        Assert.Empty(await new AggregateCheck(database.Db).CheckAsync());
    }

    private async Task<long> CreateAsync(long compoundId, long buildingId)
    {
        var result = await commands.CreateAsync(compoundId == CompoundA ? StaffA : StaffB, Input(compoundId: compoundId, buildingId: buildingId));
        Assert.Equal(CaseOutcome.Ok, result.Outcome);
        return result.CaseId!.Value;
    }

    private async Task<(string Status, long CompoundId, long Cases)[]> CountsAsync() =>
        (await database.Db.ReadAsync(c => c.QueryAsync<(string, long, long)>(
            """
            SELECT status, compound_id, CAST(SUM(cases) AS BIGINT) FROM agg_case_counts WHERE level = 'compound'
            GROUP BY status, compound_id HAVING SUM(cases) <> 0 ORDER BY status, compound_id
            """))).ToArray();

    private Task<long> DeltaRowsAsync() =>
        database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM agg_case_count_deltas"));
}
