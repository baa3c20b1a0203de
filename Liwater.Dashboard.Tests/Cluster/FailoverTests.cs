using System.Globalization;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Cluster;

/// <summary>
/// Two nodes on one PostgreSQL database behind the HAProxy of scale/ (cookie stickiness, /healthz checks): what a
/// command centre runs when one server must be able to die.
/// </summary>
public sealed class FrontedCluster : IAsyncLifetime
{
    public ClusterNode A { get; private set; } = null!;

    public ClusterNode B { get; private set; } = null!;

    public HaproxyFront Front { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (TestDatabases.Server is null || !TestDatabases.IsPostgreSql)
        {
            return;
        }

        // The demo comes with the cloned template; the nodes find it and skip the load.
        ConnectionString = TestDatabases.CreateMigrated(demo: true);
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", "front-" + Guid.NewGuid().ToString("N"));
        var a = ClusterNode.StartAsync("A", ConnectionString, Path.Combine(folder, "a"));
        var b = ClusterNode.StartAsync("B", ConnectionString, Path.Combine(folder, "b"));
        A = await a;
        B = await b;
        Front = await HaproxyFront.StartAsync(folder, A.Port, B.Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (Front is not null)
        {
            await Front.DisposeAsync();
        }

        foreach (var node in new[] { A, B })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (ConnectionString.Length > 0)
        {
            TestDatabases.Drop(ConnectionString);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FrontedClusterCollection : ICollectionFixture<FrontedCluster>
{
    public const string Name = "fronted-cluster";
}

[Collection(FrontedClusterCollection.Name)]
public sealed class FailoverTests(FrontedCluster cluster, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string OpenCases = "[data-counter='open-cases'] [data-value]";
    private const string NodeCookie = "LIWATER_NODE";

    [Fact]
    public async Task KillNodeOfTheWall_WallMovesToTheOtherNodeByItselfAndMissesNoCase()
    {
        TestDatabases.RequireServer();
        Assert.SkipUnless(TestDatabases.IsPostgreSql, "The cluster runs in the PostgreSQL pass of test.sh.");
        var page = await browser.NewPageAsync(1920, 1080);
        await page.GotoAsync(new Uri(cluster.Front.BaseAddress, "/screen?key=demo-screen-key").ToString());
        await BlazorPage.WaitForInteractiveAsync(page, 60000);
        await page.WaitForSelectorAsync(OpenCases);
        var before = await CountAsync(page);
        var pinned = await NodeOfAsync(page);
        var (dead, live) = pinned == "node1" ? (cluster.A, cluster.B) : (cluster.B, cluster.A);
        using var user = await ClusterUser.SignInAsync(live.BaseAddress);
        await page.EvaluateAsync("() => window.liwaterBeforeKill = true");

        await dead.KillAsync();
        // Committed on the live node while the wall has no server at all: the wall must still show it when it is back.
        await user.CreateCaseAsync(live.BaseAddress, "故障切换：停机期间受理");

        // No human action: the wall reconnects through HAProxy, which now sends it to the live node.
        await page.WaitForFunctionAsync(
            $"n => document.querySelector('[data-interactive=\"true\"]') !== null && document.querySelector(\"{OpenCases}\")?.textContent.replace(/,/g, '') === String(n)",
            before + 1, new() { Timeout = 120000, PollingInterval = 500 });
        Assert.NotEqual(pinned, await NodeOfAsync(page));

        // Live again on the new node: the next case arrives without a reload.
        await page.EvaluateAsync("() => window.liwaterAfterMove = true");
        await user.CreateCaseAsync(live.BaseAddress, "故障切换：切换后实时推送");
        await page.WaitForFunctionAsync(
            $"n => document.querySelector(\"{OpenCases}\")?.textContent.replace(/,/g, '') === String(n)", before + 2, new() { Timeout = 30000, PollingInterval = 250 });
        var ticker = await page.InnerTextAsync("[data-testid='ticker']");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("cluster-failover-wall") });

        Assert.True(await page.EvaluateAsync<bool>("() => window.liwaterAfterMove === true"), "the wall reloaded after it had moved");
        Assert.Contains("故障切换：停机期间受理", ticker, StringComparison.Ordinal);
        Assert.Contains("故障切换：切换后实时推送", ticker, StringComparison.Ordinal);
        Assert.False(live.HasExited, "the live node stopped");
    }

    private static async Task<string> NodeOfAsync(IPage page) =>
        (await page.Context.CookiesAsync()).Single(c => c.Name == NodeCookie).Value;

    private static async Task<long> CountAsync(IPage page) =>
        long.Parse((await page.InnerTextAsync(OpenCases)).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
