using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

/// <summary>A fresh demo database of its own (jobs write), on a fake clock the test can move.</summary>
internal sealed class JobTestDatabase : IDisposable
{
    /// <summary>10:00:30 in Lishui on a Wednesday: half a minute into a minute.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 30, TimeSpan.FromHours(8));

    private readonly TempDatabase database;

    private JobTestDatabase(FakeTimeProvider clock, bool demo)
    {
        Clock = clock;
        database = new TempDatabase(clock, demo: demo);
        Town = new TownClock(clock, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
    }

    public FakeTimeProvider Clock { get; }

    public Db Db => database.Db;

    public TownClock Town { get; }

    public string Folder => database.Folder;

    /// <summary>A database on a fake clock at <paramref name="start"/> (default <see cref="Start"/>), with the demo
    /// dataset placed at that instant when asked (a copy of one template per instant, see <see cref="TempDatabase"/>).</summary>
    public static Task<JobTestDatabase> CreateAsync(bool demo = true, DateTimeOffset? start = null) =>
        Task.FromResult(new JobTestDatabase(new FakeTimeProvider(start ?? Start), demo));

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
