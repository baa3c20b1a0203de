using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Liwater.Data.Demo;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

/// <summary>A fresh demo database of its own (jobs write), on a fake clock the test can move.</summary>
internal sealed class JobTestDatabase : IDisposable
{
    /// <summary>10:00:30 in Lishui on a Wednesday: half a minute into a minute.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 30, TimeSpan.FromHours(8));

    private readonly TempDatabase database;

    private JobTestDatabase(FakeTimeProvider clock)
    {
        Clock = clock;
        database = new TempDatabase(clock);
        Town = new TownClock(clock, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
    }

    public FakeTimeProvider Clock { get; }

    public Db Db => database.Db;

    public TownClock Town { get; }

    public string Folder => database.Folder;

    public static async Task<JobTestDatabase> CreateAsync(bool demo = true, DateTimeOffset? start = null)
    {
        var result = new JobTestDatabase(new FakeTimeProvider(start ?? Start));
        if (demo)
        {
            Assert.True(await DemoDataLoader.LoadIfEmptyAsync(result.Db));
        }

        return result;
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public void Dispose() => database.Dispose();
}

/// <summary>Options that never change, for constructing jobs outside a host.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>, IOptions<T>
    where T : class
{
    public T CurrentValue => value;

    public T Value => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
