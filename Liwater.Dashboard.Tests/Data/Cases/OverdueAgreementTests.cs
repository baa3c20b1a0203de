using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Cases.CaseTestData;

namespace Liwater.Dashboard.Tests.Data.Cases;

/// <summary>
/// "Overdue" is one definition: the C# rule (<see cref="DeadlinePolicy.IsOverdue"/>) that pages use, and the SQL over
/// the stored due_at that the wall's counters and frames (<see cref="LiveCounterQueries"/>) and the case list's filter
/// use, give the same answer for cases written through the real command at every level.
/// </summary>
public sealed class OverdueAgreementTests : IAsyncLifetime, IDisposable
{
    private const long Minute = 60_000;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly TownClock clock;
    private readonly CaseCommands commands;
    private readonly DeadlinePolicy policy = new(new DeadlineOptions());

    public OverdueAgreementTests()
    {
        database = new TempDatabase(time);
        clock = new TownClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        commands = new CaseCommands(database.Db, clock, new CaseOptions());
    }

    public async ValueTask InitializeAsync() => await SeedAsync(database.Db);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Overdue_CasesAtEveryLevel_CodeAndSqlAgree()
    {
        // All four are property-service cases opened together: only the one still at compound level is held to the
        // minute marks; the community case has its 7 days; the town case with a chair's deadline is governed by it.
        var atCompound = await CreateAsync();
        var atCommunity = await CreateAsync();
        await EscalateAsync(atCommunity, 1);
        var atTown = await CreateAsync();
        var v = await EscalateAsync(atTown, 1);
        v = await EscalateAsync(atTown, v);
        var assigned = await CreateAsync();
        var va = await EscalateAsync(assigned, 1);
        va = await EscalateAsync(assigned, va);
        var done = await commands.ApplyAsync(Chair, assigned, va, new CaseAction { Kind = CaseActionKind.Assign, UnitName = "镇住建办", DueOn = clock.Today.AddDays(9) });
        Assert.True(done.Succeeded, done.Error?.ToString());

        time.Advance(TimeSpan.FromMinutes(20));

        var now = clock.NowMs;
        var rows = await database.Db.ReadAsync(c => c.QueryAsync<CaseRow>(CaseQueries.SelectCase + " WHERE c.status IN ('open', 'in_progress') ORDER BY c.id"));
        var byCode = rows.Where(r => policy.IsOverdue(r, now)).Select(r => r.Id).ToList();
        Assert.Equal([atCompound], byCode);
        await AssertSqlAgreesAsync(byCode.Count);
    }

    [Fact]
    public async Task Overdue_AtTheDueInstant_CodeAndSqlAgree()
    {
        var id = await CreateAsync();
        time.Advance(TimeSpan.FromMinutes(5));

        var row = await database.Db.ReadAsync(c => c.QuerySingleAsync<CaseRow>(CaseQueries.SelectCase + " WHERE c.id = @id", new { id }));
        Assert.Equal(clock.NowMs, row.DueAt);
        Assert.True(policy.IsOverdue(row, clock.NowMs));
        await AssertSqlAgreesAsync(1);
    }

    private async Task AssertSqlAgreesAsync(int expected)
    {
        var screen = await new LiveCounterQueries(database.Db, clock).GetAsync(TimeSpan.FromHours(2), 5, TestContext.Current.CancellationToken);
        var list = await new CaseQueries(database.Db).ListAsync(Town, new CaseFilter { OverdueOnly = true, ActiveOnly = true }, TestContext.Current.CancellationToken);
        Assert.Equal(expected, screen.Counters.OverdueNow);
        Assert.Equal(expected, screen.Compounds.Sum(x => x.OverdueCases));
        Assert.Equal(expected, list.Total);
    }

    private async Task<long> CreateAsync() =>
        (await commands.CreateAsync(StaffA, Input(category: CaseOptions.PropertyService) with { AssignedUnitKind = null })).CaseId!.Value;

    private async Task<long> EscalateAsync(long id, long version)
    {
        var result = await commands.ApplyAsync(Town, id, version, new CaseAction { Kind = CaseActionKind.Escalate, Body = "需上级协调" });
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Version!.Value;
    }
}
