using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Live;

/// <summary>
/// /hubs/live under clients that misbehave, against the real app on Kestrel: a long-polling client that stops polling
/// (a suspended tab) must not delay a healthy client, and one that cannot keep up is dropped; the hub sends only what
/// the screen shows; hostile ids and repeated subscriptions do what the docs say.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LiveHubFaultTests(LiveAppFactory app) : IClassFixture<LiveAppFactory>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    private LiveHubClients HubClients => app.Services.GetRequiredService<LiveHubClients>();

    [Fact]
    public async Task Burst_OneLongPollingClientSuspended_HealthyClientGetsEveryChangeWhileItIsStillConnected()
    {
        const int Burst = 600;
        await using var healthy = await ConnectAsync();
        await healthy.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, null);
        var alone = await BurstAsync(healthy, Burst);

        using var frozen = await FrozenLongPollingClient.ConnectAndSubscribeAsync(app.BaseAddress, LiveAppFactory.Key);
        Assert.True(HubClients.Has(frozen.ConnectionId));
        var beside = await BurstAsync(healthy, Burst);

        // The frozen client is dropped by the transport after 15 s without a poll; before the fix the healthy client
        // waited for exactly that. Every change arrived while the frozen client was still there.
        Assert.True(HubClients.Has(frozen.ConnectionId), "the healthy client was held until the frozen one went away");
        Figures.Record($"frozen-client burst of {Burst}: healthy client alone p50 {alone.P50:0} ms p99 {alone.P99:0} ms; beside a suspended long-polling client p50 {beside.P50:0} ms p99 {beside.P99:0} ms (commit to receipt)");
    }

    private async Task<(double P50, double P99)> BurstAsync(HubClient healthy, int burst)
    {
        var clock = Stopwatch.StartNew();
        var last = await TestWrites.AppendChangesAsync(Db, ChangeKinds.CaseUpdated, 1, burst);
        var committed = clock.Elapsed;
        var received = new List<long>();
        var latencies = new List<double>();
        while (received.Count == 0 || received[^1] < last)
        {
            var change = await healthy.NextAsync(TimeSpan.FromSeconds(30));
            if (change.Id > last - burst)
            {
                received.Add(change.Id);
                latencies.Add((clock.Elapsed - committed).TotalMilliseconds);
            }
        }

        Assert.Equal(Enumerable.Range(0, burst).Select(i => last - burst + 1 + i), received);
        latencies.Sort();
        return (latencies[burst / 2], latencies[(int)(burst * 0.99)]);
    }

    [Fact]
    public async Task Burst_ClientThatCannotKeepUp_IsDroppedAndResyncsOnReconnect()
    {
        var droppedBefore = HubClients.Dropped;
        using var frozen = await FrozenLongPollingClient.ConnectAndSubscribeAsync(app.BaseAddress, LiveAppFactory.Key);
        var lastSeen = app.Services.GetRequiredService<ChangeFeed>().LastId;

        // More than the transport buffer (64 KB) plus the outbox can hold.
        var burst = HubClients.Capacity + 1000;
        var last = await TestWrites.AppendChangesAsync(Db, ChangeKinds.CaseUpdated, 1, burst);
        await WaitForFeedAsync(last);
        for (var i = 0; i < 100 && HubClients.Has(frozen.ConnectionId); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(HubClients.Has(frozen.ConnectionId));
        Assert.True(HubClients.Dropped > droppedBefore);
        Figures.Record($"frozen-client overflow: burst of {burst}, outbox capacity {HubClients.Capacity}, dropped {HubClients.Dropped - droppedBefore} connection(s)");

        // It comes back as a new connection with the last id it saw: too far behind to replay, so resync.
        await using var back = await ConnectAsync();
        var result = await back.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, lastSeen);
        Assert.True(result.Resync);
        // The feed's head: the burst's last change, or a later one (a job such as the minute snapshot may have written since).
        Assert.InRange(result.LastId, last, long.MaxValue);
    }

    [Fact]
    public async Task Subscribe_AccountAndCouncilChanges_NeverSentAndSummariesOnlyWhereTheTickerShowsThem()
    {
        await using var client = await ConnectAsync();
        await client.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, null);

        await TestWrites.AppendChangeAsync(Db, ChangeKinds.UserChanged, 1, "zhangsan");
        await TestWrites.AppendChangeAsync(Db, ChangeKinds.CouncilChanged, 1, "王代表：赞成");
        await TestWrites.AppendChangeAsync(Db, ChangeKinds.MotionClosed, 1, "议案表决：王代表赞成");
        var updated = await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseUpdated, 1, "王代表：同意由物业维修");
        var opened = await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseOpened, 1, "T-1 楼道灯不亮");

        // Jobs of the app may write too (statistics): read everything up to the last change written here.
        var received = new List<ChangeEntry>();
        while (received.Count == 0 || received[^1].Id < opened)
        {
            received.Add(await client.NextAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.DoesNotContain(received, c => c.Kind is ChangeKinds.UserChanged or ChangeKinds.CouncilChanged or ChangeKinds.MotionClosed);
        var sent = received.Where(c => c.Id >= updated).ToList();
        Assert.Equal([(updated, ChangeKinds.CaseUpdated, null), (opened, ChangeKinds.CaseOpened, "T-1 楼道灯不亮")], sent.Select(c => (c.Id, c.Kind, c.Summary)));
    }

    [Fact]
    public async Task Subscribe_ReplayOfHiddenKinds_SkipsThemAndCountsOnlyWhatWasSent()
    {
        long lastSeen;
        await using (var first = await ConnectAsync())
        {
            lastSeen = (await first.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, null)).LastId;
        }

        await TestWrites.AppendChangeAsync(Db, ChangeKinds.UserChanged, 1, "lisi");
        var shown = await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseResolved, 1, "T-2 已修好");
        await WaitForFeedAsync(shown);
        await using var again = await ConnectAsync();
        var result = await again.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, lastSeen);

        Assert.Equal(1, result.Replayed);
        Assert.Equal(shown, (await again.NextAsync(TimeSpan.FromSeconds(10))).Id);
    }

    [Theory]
    [InlineData(-9223372036854775000L)]
    [InlineData(long.MinValue)]
    [InlineData(-1L)]
    public async Task Subscribe_NegativeLastSeenId_ResyncsWithoutReplayingTheLog(long lastSeenId)
    {
        await using var client = await ConnectAsync();
        var result = await client.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, lastSeenId);
        var live = await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseOpened, 1);

        Assert.True(result.Resync);
        Assert.Equal(0, result.Replayed);
        Assert.Equal(live, (await client.NextAsync(TimeSpan.FromSeconds(10))).Id);
        Assert.Equal(1, client.Resyncs);
    }

    [Fact]
    public async Task Subscribe_SecondCallOnOneConnection_ReplacesTheFirstWithoutDuplicates()
    {
        await using var client = await ConnectAsync();
        await client.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, null);
        await client.Connection.InvokeAsync<SubscribeResult>("Subscribe", 2L, null);

        await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseOpened, 3);
        var own = await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseOpened, 2);
        var next = await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseResolved, 2);

        Assert.Equal(own, (await client.NextAsync(TimeSpan.FromSeconds(10))).Id);
        Assert.Equal(next, (await client.NextAsync(TimeSpan.FromSeconds(10))).Id);
    }

    private async Task WaitForFeedAsync(long id)
    {
        var feed = app.Services.GetRequiredService<ChangeFeed>();
        for (var i = 0; i < 200 && feed.LastId < id; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(feed.LastId >= id, $"the feed did not reach change {id}");
    }

    private async Task<HubClient> ConnectAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, $"{LiveHub.Path}?key={LiveAppFactory.Key}"))
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    private sealed class HubClient : IAsyncDisposable
    {
        private readonly Channel<ChangeEntry> changes = Channel.CreateUnbounded<ChangeEntry>();

        public HubClient(HubConnection connection)
        {
            Connection = connection;
            connection.On<ChangeEntry>(LiveHub.ChangeMessage, c => changes.Writer.TryWrite(c));
            connection.On<long>(LiveHub.ResyncMessage, _ => Resyncs++);
        }

        public HubConnection Connection { get; }

        public int Resyncs { get; private set; }

        public async Task<ChangeEntry> NextAsync(TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            return await changes.Reader.ReadAsync(timeout.Token);
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    /// <summary>
    /// A long-polling SignalR client spoken by hand (negotiate, handshake, Subscribe) that then stops polling, as a
    /// suspended browser tab does: the server's messages pile up for it and nothing reads them.
    /// </summary>
    private sealed class FrozenLongPollingClient : IDisposable
    {
        private const char RecordSeparator = '\u001e';
        private readonly HttpClient http;

        private FrozenLongPollingClient(HttpClient http, string connectionId)
        {
            this.http = http;
            ConnectionId = connectionId;
        }

        public string ConnectionId { get; }

        public static async Task<FrozenLongPollingClient> ConnectAndSubscribeAsync(Uri baseAddress, string key)
        {
            var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var negotiate = await http.PostAsync($"{LiveHub.Path}/negotiate?negotiateVersion=1&key={key}", null);
            negotiate.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
            var connectionId = json.RootElement.GetProperty("connectionId").GetString()!;
            var token = json.RootElement.GetProperty("connectionToken").GetString()!;
            var url = $"{LiveHub.Path}?id={Uri.EscapeDataString(token)}&key={key}";

            // The first poll only starts the connection; then the handshake, then one invocation of Subscribe.
            (await http.GetAsync(url)).EnsureSuccessStatusCode();
            await PostAsync(http, url, """{"protocol":"json","version":1}""");
            await PollUntilAsync(http, url, "{}");
            await PostAsync(http, url, """{"type":1,"invocationId":"1","target":"Subscribe","arguments":[null,null]}""");
            await PollUntilAsync(http, url, "\"type\":3");
            return new FrozenLongPollingClient(http, connectionId);
        }

        public void Dispose() => http.Dispose();

        private static async Task PostAsync(HttpClient http, string url, string message)
        {
            using var content = new StringContent(message + RecordSeparator, Encoding.UTF8, "text/plain");
            (await http.PostAsync(url, content)).EnsureSuccessStatusCode();
        }

        private static async Task PollUntilAsync(HttpClient http, string url, string wanted)
        {
            for (var i = 0; i < 10; i++)
            {
                var body = await http.GetStringAsync(url);
                if (body.Contains(wanted, StringComparison.Ordinal))
                {
                    return;
                }
            }

            Assert.Fail($"the long-polling client never received {wanted}");
        }
    }
}
