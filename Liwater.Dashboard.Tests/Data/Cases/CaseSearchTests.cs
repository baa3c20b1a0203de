using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Cases.CaseTestData;

namespace Liwater.Dashboard.Tests.Data.Cases;

/// <summary>The case list's search matches what was typed: <c>%</c>, <c>_</c> and <c>\</c> are characters, not wildcards.</summary>
public sealed class CaseSearchTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly CaseCommands commands;
    private readonly CaseQueries queries;

    public CaseSearchTests()
    {
        database = new TempDatabase(time);
        commands = Commands(database.Db, time);
        queries = new CaseQueries(database.Db);
    }

    public async ValueTask InitializeAsync()
    {
        await SeedAsync(database.Db);
        foreach (var title in new[] { "水费上涨50%", "水费上涨500元", "路灯_3号不亮", "路灯A3号不亮", @"门禁C:\temp故障", "门禁C:temp故障" })
        {
            Assert.True((await commands.CreateAsync(StaffA, Input() with { Title = title, Description = "说明" })).Succeeded);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    [Theory]
    [InlineData("50%", "水费上涨50%")]
    [InlineData("%", "水费上涨50%")]
    [InlineData("灯_3", "路灯_3号不亮")]
    [InlineData("_", "路灯_3号不亮")]
    [InlineData(@"C:\t", @"门禁C:\temp故障")]
    public async Task ListAsync_SearchWithWildcardCharacters_MatchesThemLiterally(string search, string only)
    {
        var page = await queries.ListAsync(Town, new CaseFilter { Text = search });

        Assert.Equal(only, Assert.Single(page.Items).Title);
        Assert.Equal(1, await queries.CountAsync(Town, new CaseFilter { Text = search }));
    }

    [Fact]
    public async Task ListAsync_PlainSearch_StillMatchesAnywhereIgnoringCase()
    {
        var page = await queries.ListAsync(Town, new CaseFilter { Text = "ls-2026-000" });

        Assert.Equal(6, page.Total);
    }

    [Theory]
    [InlineData("50%", "%50\\%%")]
    [InlineData("a_b", "%a\\_b%")]
    [InlineData(@"c:\t", @"%c:\\t%")]
    public void Contains_TextWithWildcards_EscapesThem(string text, string pattern) => Assert.Equal(pattern, SqlLike.Contains(text));
}
