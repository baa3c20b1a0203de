using System.Diagnostics;
using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Data.Demo;

/// <summary>One database with the demo dataset loaded, shared by the read-only assertions of a test class.</summary>
public sealed class DemoDatabaseFixture : IAsyncLifetime
{
    /// <summary>10:00 in Lishui on a Monday; the dataset is placed relative to this instant.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 16, 2, 0, 0, TimeSpan.Zero);

    public TempDatabase Database { get; } = new(new FakeTimeProvider(Now));

    public bool Loaded { get; private set; }

    public TimeSpan LoadTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        Loaded = await DemoDataLoader.LoadIfEmptyAsync(Database.Db, TestContext.Current.CancellationToken);
        LoadTime = watch.Elapsed;
    }

    public Task<long> CountAsync(string sql, object? parameters = null) =>
        Database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, parameters));

    public Task<List<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        Database.Db.ReadAsync(async c => (await c.QueryAsync<T>(sql, parameters)).AsList());

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        return ValueTask.CompletedTask;
    }
}
