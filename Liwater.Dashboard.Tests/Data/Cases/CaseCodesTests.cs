using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Cases.CaseTestData;

namespace Liwater.Dashboard.Tests.Data.Cases;

/// <summary>
/// Case codes are LS-{local year}-{number}: a year's first case continues from the highest code already stored that
/// year, and the next year starts again at 1 (decision 0125: the number is a counter row, not a scan of the year's
/// cases).
/// </summary>
public sealed class CaseCodesTests : IAsyncLifetime, IDisposable
{
    // 23:50 on 31 December 2026 in Lishui (UTC+8).
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 31, 15, 50, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly CaseCommands commands;

    public CaseCodesTests()
    {
        database = new TempDatabase(time);
        commands = Commands(database.Db, time);
    }

    public async ValueTask InitializeAsync() => await SeedAsync(database.Db);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task CreateAsync_YearWithStoredCodes_ContinuesFromTheHighestNumberOfThatYear()
    {
        // Imported rows. 2026's highest number is 10000, which sorts below 9999 as text; other years and other
        // code forms do not count.
        await InsertCaseAsync("LS-2026-0041");
        await InsertCaseAsync("LS-2026-9999");
        await InsertCaseAsync("LS-2026-10000");
        await InsertCaseAsync("LS-2025-20000");
        await InsertCaseAsync("LS-T-30000");

        Assert.Equal("LS-2026-10001", await CreateAsync());
        Assert.Equal("LS-2026-10002", await CreateAsync());
    }

    [Fact]
    public async Task CreateAsync_AcrossNewYear_TheNewYearStartsAtOne()
    {
        Assert.Equal("LS-2026-0001", await CreateAsync());
        Assert.Equal("LS-2026-0002", await CreateAsync());

        time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal("LS-2027-0001", await CreateAsync());
        Assert.Equal("LS-2027-0002", await CreateAsync());
    }

    [Fact]
    public async Task CreateAsync_AfterARefusedCreate_TheNextCodeIsNeverOneAlreadyUsed()
    {
        Assert.Equal("LS-2026-0001", await CreateAsync());
        var refused = await commands.CreateAsync(StaffB, Input());
        Assert.Equal(CaseOutcome.Refused, refused.Outcome);

        var next = await CreateAsync();

        // SQLite takes the number inside the refused create's transaction, which rolled back; PostgreSQL reserved it
        // before the transaction, so the refusal leaves a gap there (decision 0125).
        Assert.Equal(TestDatabases.IsPostgreSql ? "LS-2026-0003" : "LS-2026-0002", next);
    }

    private async Task<string> CreateAsync()
    {
        var result = await commands.CreateAsync(StaffA, Input());
        Assert.Equal(CaseOutcome.Ok, result.Outcome);
        return await database.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT code FROM cases WHERE id = @id", new { id = result.CaseId }))
            ?? throw new InvalidOperationException("The created case has no row.");
    }

    private Task<int> InsertCaseAsync(string code) =>
        database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, level, status,
                               opened_at, level_entered_at, updated_at)
            VALUES (@code, @community, @compound, 'other', '导入', '导入', 'hotline', 'compound', 'closed', 0, 0, 0)
            """,
            new { code, community = CommunityA, compound = CompoundA }, t));
}
