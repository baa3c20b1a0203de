using System.Net;
using System.Threading.Channels;
using Dapper;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Liwater.Dashboard.Tests.Cluster;

/// <summary>Two real app nodes (child processes) on one PostgreSQL database: the cluster of docs/cluster.md.</summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    public ClusterNode A { get; private set; } = null!;

    public ClusterNode B { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (TestDatabases.Server is null)
        {
            return;
        }

        ConnectionString = TestDatabases.CreateEmpty();
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", "cluster-" + Guid.NewGuid().ToString("N"));
        // A migrates and loads the demo data; B starts on the same database at the same time, as nodes of a cluster do.
        var a = ClusterNode.StartAsync("A", ConnectionString, Path.Combine(folder, "a"));
        var b = ClusterNode.StartAsync("B", ConnectionString, Path.Combine(folder, "b"));
        A = await a;
        B = await b;
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (ConnectionString.Length > 0)
        {
            TestDatabases.Drop(ConnectionString);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<TwoNodeCluster>
{
    public const string Name = "cluster";
}

[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(TwoNodeCluster cluster)
{
    [Fact]
    public async Task CreateCase_ThroughNodeA_ReachesHubClientOnNodeBWithinASecondOnce()
    {
        RequireCluster();
        await using var onB = await HubClient.ConnectAsync(cluster.B);
        await onB.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, null, TestContext.Current.CancellationToken);
        using var user = await ClusterUser.SignInAsync(cluster.A.BaseAddress);

        // The first change pays for warm-up on both nodes; the second is the one measured.
        await user.CreateCaseAsync(cluster.A.BaseAddress, "集群预热");
        await onB.NextAsync(ChangeKinds.CaseOpened, TimeSpan.FromSeconds(10));
        var id = await user.CreateCaseAsync(cluster.A.BaseAddress, "集群测试：A 写入，B 推送");
        var received = await onB.NextAsync(ChangeKinds.CaseOpened, TimeSpan.FromSeconds(1));

        Assert.Equal(id, received.EntityId);
        // Each node sends to its own connections only: no second copy arrives through another node.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(0, onB.Pending(ChangeKinds.CaseOpened, id));
    }

    [Fact]
    public async Task SignIn_ThroughNodeA_FormPostedToNodeBIsAccepted()
    {
        RequireCluster();
        using var user = await ClusterUser.SignInAsync(cluster.A.BaseAddress);

        // The cookie and the antiforgery token were issued by A; B reads both with the shared Data Protection keys.
        var id = await user.CreateCaseAsync(cluster.B.BaseAddress, "集群测试：A 登录，B 受理");

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        Assert.Equal("集群测试：A 登录，B 受理", await connection.ExecuteScalarAsync<string>("SELECT title FROM cases WHERE id = @id", new { id }));
        using var page = await user.Client.GetAsync(new Uri(cluster.B.BaseAddress, "/cases"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task RecurringJob_TwoNodes_RunsOncePerMinuteAcrossTheCluster()
    {
        RequireCluster();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        const string PerMinute =
            """
            SELECT date_trunc('minute', j.createdat) AS minute, COUNT(*) AS runs
            FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id
            WHERE p.name = 'RecurringJobId' AND p.value = '"statistics-snapshot"'
            GROUP BY 1 ORDER BY 1
            """;

        // Both nodes poll the recurring-job schedule every second, so a second run of a minute would be enqueued within
        // seconds of the first. Wait for a minute boundary to pass, then 10 s more (the test used to wait for two
        // boundaries, up to two minutes of the PostgreSQL pass with nothing else running).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        List<(DateTime Minute, long Runs)> minutes = [];
        while (DateTime.UtcNow < deadline && !(minutes.Count > 0 && DateTime.UtcNow - minutes[^1].Minute > TimeSpan.FromSeconds(10)))
        {
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            minutes = (await connection.QueryAsync<(DateTime, long)>(PerMinute)).AsList();
        }

        Assert.True(minutes.Count >= 1, "the every-minute snapshot job was not enqueued within 90 s");
        Assert.All(minutes, m => Assert.Equal(1, m.Runs));
        Assert.False(cluster.A.HasExited || cluster.B.HasExited, "a node stopped during the test");
    }

    [Fact]
    public async Task SnapshotAfterChange_QueuedByBothNodes_TakenOnce()
    {
        RequireCluster();
        using var user = await ClusterUser.SignInAsync(cluster.A.BaseAddress);
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        var since = await connection.ExecuteScalarAsync<DateTime>("SELECT now() AT TIME ZONE 'UTC'");
        const string AfterChangeJobs =
            """
            SELECT j.statename AS state, COALESCE(s.data::text, '') AS data
            FROM hangfire.job j LEFT JOIN hangfire.state s ON s.id = j.stateid
            WHERE j.invocationdata::text LIKE '%RunAfterChangeAsync%' AND j.createdat >= @since
            """;

        // Both nodes read the case's change from the log and each queues the debounced snapshot for it.
        var id = await user.CreateCaseAsync(cluster.A.BaseAddress, "集群测试：快照只算一次");
        var change = await connection.ExecuteScalarAsync<long>("SELECT MAX(id) FROM change_log WHERE entity = 'case' AND entity_id = @id", new { id });
        List<(string State, string Data)> jobs = [];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && (jobs.Count < 2 || jobs.Any(j => j.State != "Succeeded")))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            jobs = (await connection.QueryAsync<(string, string)>(AfterChangeJobs, new { since })).AsList();
        }

        // A taken snapshot returns its figures (Hangfire keeps them as the job's result); a covered one returns null.
        var taken = jobs.Count(j => j.Data.Contains("takenat", StringComparison.OrdinalIgnoreCase));
        Assert.True(jobs.Count >= 2, $"{jobs.Count} snapshot job(s) queued after the change; each node queues one");
        Assert.All(jobs, j => Assert.Equal("Succeeded", j.State));
        // Once, or not at all when the every-minute snapshot came first and covered the change for both.
        Assert.True(taken <= 1, $"taken {taken} times: {string.Join(" | ", jobs.Select(j => j.Data))}");
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT change_id FROM statistics_snapshot_cursor") >= change);
    }

    private void RequireCluster()
    {
        TestDatabases.RequireServer();
        Assert.SkipUnless(TestDatabases.IsPostgreSql, "The cluster runs in the PostgreSQL pass of test.sh.");
    }

    private sealed class HubClient : IAsyncDisposable
    {
        private readonly Channel<ChangeEntry> changes = Channel.CreateUnbounded<ChangeEntry>();
        private readonly List<ChangeEntry> seen = [];

        private HubClient(HubConnection connection)
        {
            Connection = connection;
            connection.On<ChangeEntry>(LiveHub.ChangeMessage, c => changes.Writer.TryWrite(c));
        }

        public HubConnection Connection { get; }

        public static async Task<HubClient> ConnectAsync(ClusterNode node)
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(node.BaseAddress, $"{LiveHub.Path}?key=demo-screen-key")).Build();
            var client = new HubClient(connection);
            await connection.StartAsync();
            return client;
        }

        public async Task<ChangeEntry> NextAsync(string kind, TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            while (true)
            {
                var change = await changes.Reader.ReadAsync(timeout.Token);
                seen.Add(change);
                if (change.Kind == kind)
                {
                    return change;
                }
            }
        }

        /// <summary>How many more messages about this entity and kind are waiting (a duplicate would be one).</summary>
        public int Pending(string kind, long entityId)
        {
            var count = 0;
            while (changes.Reader.TryRead(out var change))
            {
                count += change.Kind == kind && change.EntityId == entityId ? 1 : 0;
            }

            return count;
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
