using System.Text.Json;
using Dapper;
using Liwater.Dashboard.Tests.Live;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Cluster;

/// <summary>/healthz of the real app: the SQLite writer's commit counts, from which the benchmark prints the
/// group-commit factor (decision 0177).</summary>
[Collection(AppCollection.Name)]
public sealed class LiwaterHealthCheckTests(LiveAppFactory app) : IClassFixture<LiveAppFactory>
{
    [Fact]
    public async Task Healthz_WritesQueuedTogether_CountsCommitsAndTheWritesTheyCarried()
    {
        TestDatabases.SkipOnPostgreSql("commit counts are the SQLite writer's");
        var db = app.Services.GetRequiredService<Db>();
        await db.WriteAsync((c, t) => c.ExecuteAsync("CREATE TABLE IF NOT EXISTS health_probe_rows (v INTEGER)", null, t));
        var before = await CountsAsync();

        // Ten writes queued behind one that holds the writer: eleven writes in at most two commits (decision 0161).
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = db.WriteAsync(async (c, t) =>
        {
            entered.SetResult();
            await release.Task;
            await c.ExecuteAsync("INSERT INTO health_probe_rows (v) VALUES (0)", null, t);
        });
        await entered.Task;
        var queued = Enumerable.Range(1, 10).Select(i => db.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO health_probe_rows (v) VALUES (@i)", new { i }, t))).ToList();
        release.SetResult();
        await blocker;
        await Task.WhenAll(queued);
        var after = await CountsAsync();

        // Other writers of the app (the feed, jobs) may commit meanwhile: at least our eleven writes, in fewer commits.
        Assert.True(after.Writes - before.Writes >= 11, $"writes {before.Writes} → {after.Writes}");
        Assert.True(after.Commits > before.Commits, $"commits {before.Commits} → {after.Commits}");
        Assert.True(after.Writes - before.Writes > after.Commits - before.Commits, "the queued writes shared commits");
    }

    private async Task<(long Commits, long Writes)> CountsAsync()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        var data = json.RootElement.GetProperty("checks").GetProperty("liwater").GetProperty("data");
        return (data.GetProperty("commits").GetInt64(), data.GetProperty("committedWrites").GetInt64());
    }
}
