using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Tests.Live;

/// <summary>The hub's fan-out: every connection's outbox shares one serialized message per change (decision 0175),
/// while each connection still gets only what its filter and the screen allow, in id order.</summary>
public sealed class LiveHubClientsTests
{
    [Fact]
    public async Task Offer_ManyConnections_EachChangeSerializedOnceAndFilteredPerConnection()
    {
        const int PerCommunity = 300;
        var protocol = new CountingProtocol();
        var clients = new LiveHubClients(
            new LiveHubConnections(NullLogger<DefaultHubLifetimeManager<LiveHub>>.Instance),
            Options.Create(new LiveOptions()),
            NullLogger<LiveHubClients>.Instance);
        var town = Connect(clients, protocol, "town", PerCommunity, communityId: null);
        var first = Connect(clients, protocol, "community-1", PerCommunity, communityId: 1);

        clients.Offer(
        [
            new ChangeEntry { Id = 1, Kind = ChangeKinds.CaseOpened, Entity = "case", EntityId = 7, CommunityId = 1, Summary = "opened" },
            new ChangeEntry { Id = 2, Kind = ChangeKinds.CaseUpdated, Entity = "case", EntityId = 8, CommunityId = 2, Summary = "not for the wall" },
            new ChangeEntry { Id = 3, Kind = ChangeKinds.UserChanged, Entity = "user", EntityId = 9 },
            new ChangeEntry { Id = 4, Kind = ChangeKinds.RatingPublished, Entity = "rating", EntityId = 10 },
        ]);
        await Task.WhenAll([.. town.Concat(first).Select(c => c.Outbox.FlushedAsync())]);

        // Three changes reach somebody (the account change never does): three serializations for 600 connections.
        Assert.Equal(3, protocol.Serializations);
        Assert.All(town, c => Assert.Equal([1L, 2L, 4L], c.Connection.ReceivedIds()));
        Assert.All(first, c => Assert.Equal([1L, 4L], c.Connection.ReceivedIds()));

        // What a connection receives is the screen's view of the change: the summary only where the ticker prints it.
        var updated = town[0].Connection.Received.Single(m => m.Contains("\"id\":2", StringComparison.Ordinal));
        Assert.Contains("\"summary\":null", updated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfferResync_Connection_ArrivesBetweenTheChangesInOrder()
    {
        var protocol = new CountingProtocol();
        var clients = new LiveHubClients(
            new LiveHubConnections(NullLogger<DefaultHubLifetimeManager<LiveHub>>.Instance),
            Options.Create(new LiveOptions()),
            NullLogger<LiveHubClients>.Instance);
        var client = Connect(clients, protocol, "one", 1, communityId: null).Single();

        clients.Offer([new ChangeEntry { Id = 5, Kind = ChangeKinds.CaseOpened, Entity = "case", EntityId = 1, CommunityId = 1 }]);
        client.Outbox.OfferResync(40);
        clients.Offer([new ChangeEntry { Id = 41, Kind = ChangeKinds.CaseResolved, Entity = "case", EntityId = 1, CommunityId = 1 }]);
        await client.Outbox.FlushedAsync();

        Assert.Equal(["change 5", "resync 40", "change 41"], client.Connection.Received.Select(Describe));
    }

    private static List<(RecordingConnection Connection, HubOutbox Outbox)> Connect(
        LiveHubClients clients, CountingProtocol protocol, string prefix, int count, long? communityId) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var connection = new RecordingConnection($"{prefix}-{i}", protocol);
            var outbox = clients.Open(connection, account: null);
            outbox.Filter = new LiveFilter(null, communityId);
            return (connection, outbox);
        })];

    private static string Describe(string message)
    {
        using var json = JsonDocument.Parse(message);
        var argument = json.RootElement.GetProperty("arguments")[0];
        var target = json.RootElement.GetProperty("target").GetString();
        return $"{target} {(argument.ValueKind == JsonValueKind.Number ? argument.GetInt64() : argument.GetProperty("id").GetInt64())}";
    }

    /// <summary>A hub connection that records what it is sent, taking the bytes as SignalR's own connection does
    /// (<see cref="SerializedHubMessage.GetSerializedMessage"/> for its protocol).</summary>
    private sealed class RecordingConnection(string id, IHubProtocol protocol)
        : HubConnectionContext(new DefaultConnectionContext(id), new HubConnectionContextOptions(), NullLoggerFactory.Instance)
    {
        public ConcurrentQueue<string> Received { get; } = new();

        public long[] ReceivedIds() =>
            [.. Received.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("arguments")[0].GetProperty("id").GetInt64())];

        public override ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken = default)
        {
            var bytes = message.GetSerializedMessage(protocol);
            Received.Enqueue(Encoding.UTF8.GetString(bytes.Span).TrimEnd('\u001e'));
            return ValueTask.CompletedTask;
        }

        public override void Abort()
        {
            // No transport behind it.
        }
    }

    /// <summary>SignalR's JSON protocol, counting how often it serializes a message.</summary>
    private sealed class CountingProtocol : IHubProtocol
    {
        private readonly JsonHubProtocol json = new();
        private int serializations;

        public int Serializations => Volatile.Read(ref serializations);

        public string Name => json.Name;

        public int Version => json.Version;

        public TransferFormat TransferFormat => json.TransferFormat;

        public bool IsVersionSupported(int version) => json.IsVersionSupported(version);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
            json.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
        {
            Interlocked.Increment(ref serializations);
            json.WriteMessage(message, output);
        }

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
        {
            Interlocked.Increment(ref serializations);
            return json.GetMessageBytes(message);
        }
    }
}
