using System.Net;
using System.Threading.Channels;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Live;

/// <summary>
/// The app with a small replay window, so "too old" is reachable in a test, and without its background jobs: these
/// tests count every change in the log, and a job's burst (the deadline watchdog flagging 14 breaches at its first
/// minute) would push a client past the window of 5 and turn an expected replay into a resync.
/// </summary>
public sealed class LiveAppFactory : LiwaterAppFactory
{
    public const string Key = "demo-screen-key";
    public const int MaxReplay = 5;

    public LiveAppFactory()
    {
        Settings["Liwater:Live:MaxReplay"] = MaxReplay.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Liwater:Jobs:Enabled"] = "false";
    }
}

/// <summary>The /hubs/live endpoint of the real app on Kestrel, with a real SignalR client.</summary>
[Collection(AppCollection.Name)]
public sealed class LiveHubTests(LiveAppFactory app) : IClassFixture<LiveAppFactory>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task Subscribe_ChangeCommittedThroughDataLayer_ReachesClientWithinASecond()
    {
        await using var client = await ConnectAsync();
        await client.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, null);

        // The first message pays for connection set-up and JIT; the second is the one the screen cares about.
        var warmUp = await TestWrites.AppendChangeAsync(Db, ChangeKinds.StatisticsUpdated, null);
        Assert.Equal(warmUp, (await client.NextAsync(TimeSpan.FromSeconds(10))).Id);

        var (caseId, changeId, _) = await TestWrites.OpenCaseAsync(Db);
        var received = await client.NextAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(changeId, received.Id);
        Assert.Equal(ChangeKinds.CaseOpened, received.Kind);
        Assert.Equal(caseId, received.EntityId);
    }

    [Fact]
    public async Task Subscribe_ReconnectWithLastSeenId_ReplaysMissedChangesInOrderThenLive()
    {
        long lastSeen;
        await using (var first = await ConnectAsync())
        {
            lastSeen = (await first.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, null)).LastId;
        }

        var missed = new List<long>();
        foreach (var kind in new[] { ChangeKinds.CaseOpened, ChangeKinds.CaseEscalated, ChangeKinds.CaseResolved })
        {
            missed.Add(await TestWrites.AppendChangeAsync(Db, kind, 1, "离线期间"));
        }

        await WaitForFeedAsync(missed[^1]);
        await using var again = await ConnectAsync();
        var result = await again.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, lastSeen);
        var live = await TestWrites.AppendChangeAsync(Db, ChangeKinds.ActivityLogged, 1);

        var received = new List<ChangeEntry>();
        for (var i = 0; i < missed.Count + 1; i++)
        {
            received.Add(await again.NextAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.False(result.Resync);
        Assert.Equal(missed.Count, result.Replayed);
        Assert.Equal([.. missed, live], received.Select(r => r.Id));
        Assert.Equal([ChangeKinds.CaseOpened, ChangeKinds.CaseEscalated, ChangeKinds.CaseResolved, ChangeKinds.ActivityLogged], received.Select(r => r.Kind));
        Assert.Equal(0, again.Resyncs);
    }

    [Fact]
    public async Task Subscribe_IdOlderThanReplayWindow_GetsResyncAndNoReplay()
    {
        var lastSeen = app.Services.GetRequiredService<ChangeFeed>().LastId;
        long last = 0;
        for (var i = 0; i <= LiveAppFactory.MaxReplay; i++)
        {
            last = await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseUpdated, 1);
        }

        await WaitForFeedAsync(last);
        await using var client = await ConnectAsync();
        var result = await client.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, lastSeen);
        var live = await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseUpdated, 1);

        Assert.True(result.Resync);
        Assert.Equal(0, result.Replayed);
        Assert.Equal(live, (await client.NextAsync(TimeSpan.FromSeconds(10))).Id);
        Assert.Equal(1, client.Resyncs);
    }

    [Fact]
    public async Task Subscribe_IdAheadOfTheLog_GetsResync()
    {
        await using var client = await ConnectAsync();
        var result = await client.Connection.InvokeAsync<SubscribeResult>("Subscribe", null, long.MaxValue / 2);

        Assert.True(result.Resync);
    }

    [Fact]
    public async Task Subscribe_OneCommunity_ReceivesItsChangesAndTownWideOnesOnly()
    {
        await using var client = await ConnectAsync();
        await client.Connection.InvokeAsync<SubscribeResult>("Subscribe", 2L, null);

        await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseOpened, 3);
        var own = await TestWrites.AppendChangeAsync(Db, ChangeKinds.CaseOpened, 2);
        var town = await TestWrites.AppendChangeAsync(Db, ChangeKinds.RatingPublished, null);

        Assert.Equal(own, (await client.NextAsync(TimeSpan.FromSeconds(10))).Id);
        Assert.Equal(town, (await client.NextAsync(TimeSpan.FromSeconds(10))).Id);
    }

    [Fact]
    public async Task Negotiate_WithoutOrWithWrongKey_IsRefused()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var missing = await http.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        var wrong = await http.PostAsync("/hubs/live/negotiate?negotiateVersion=1&key=nope", null);
        var right = await http.PostAsync($"/hubs/live/negotiate?negotiateVersion=1&key={LiveAppFactory.Key}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
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
}
