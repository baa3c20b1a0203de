using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
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
public sealed partial class ClusterTests(TwoNodeCluster cluster)
{
    private const string Admin = "admin";
    private const string AdminPassword = "demo-admin-change-me";

    [Fact]
    public async Task CreateCase_ThroughNodeA_ReachesHubClientOnNodeBWithinASecondOnce()
    {
        RequireCluster();
        await using var onB = await HubClient.ConnectAsync(cluster.B);
        await onB.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, null, TestContext.Current.CancellationToken);
        using var user = await SignInAsync(cluster.A);

        // The first change pays for warm-up on both nodes; the second is the one measured.
        await CreateCaseAsync(user, cluster.A, "集群预热");
        await onB.NextAsync(ChangeKinds.CaseOpened, TimeSpan.FromSeconds(10));
        var id = await CreateCaseAsync(user, cluster.A, "集群测试：A 写入，B 推送");
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
        using var user = await SignInAsync(cluster.A);

        // The cookie and the antiforgery token were issued by A; B reads both with the shared Data Protection keys.
        var id = await CreateCaseAsync(user, cluster.B, "集群测试：A 登录，B 受理");

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

        // Both nodes poll the recurring-job schedule every second; wait for two minute boundaries to pass.
        var deadline = DateTime.UtcNow.AddSeconds(150);
        List<(DateTime Minute, long Runs)> minutes = [];
        while (DateTime.UtcNow < deadline && minutes.Count < 2)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            minutes = (await connection.QueryAsync<(DateTime, long)>(PerMinute)).AsList();
        }

        Assert.True(minutes.Count >= 2, $"the every-minute snapshot job was enqueued in {minutes.Count} minute(s) within 150 s");
        Assert.All(minutes, m => Assert.Equal(1, m.Runs));
        Assert.False(cluster.A.HasExited || cluster.B.HasExited, "a node stopped during the test");
    }

    private void RequireCluster()
    {
        TestDatabases.RequireServer();
        Assert.SkipUnless(TestDatabases.IsPostgreSql, "The cluster runs in the PostgreSQL pass of test.sh.");
    }

    private static async Task<SignedIn> SignInAsync(ClusterNode node)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var token = Token(await client.GetStringAsync(new Uri(node.BaseAddress, "/login")));
        using var response = await client.PostAsync(new Uri(node.BaseAddress, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Username"] = Admin, ["Password"] = AdminPassword, ["ReturnUrl"] = "/cases",
        }));
        Assert.Equal("/cases", response.Headers.Location?.ToString());
        // After sign-in the token must be the one bound to the user: take it from a page of the same node.
        return new SignedIn(client, Token(await client.GetStringAsync(new Uri(node.BaseAddress, "/cases"))));
    }

    private static async Task<long> CreateCaseAsync(SignedIn user, ClusterNode node, string title)
    {
        using var response = await user.Client.PostAsync(new Uri(node.BaseAddress, "/cases/create"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = user.Token,
            ["CompoundId"] = "1",
            ["Category"] = "public_facilities",
            ["Title"] = title,
            ["Description"] = "集群测试用的案件。",
            ["SourceChannel"] = "hotline",
            ["Level"] = "compound",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from node {node.Name}: {body}");
        return long.Parse(CaseIdPattern().Match(body).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("\"caseId\"\\s*:\\s*(\\d+)")]
    private static partial Regex CaseIdPattern();

    private sealed record SignedIn(HttpClient Client, string Token) : IDisposable
    {
        public void Dispose() => Client.Dispose();
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
