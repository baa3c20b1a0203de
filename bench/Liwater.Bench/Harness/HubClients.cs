using System.Collections.Concurrent;
using Liwater.Data.Changes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Liwater.Bench.Harness;

/// <summary>
/// Many SignalR clients on /hubs/live, each subscribed to the whole town. Every "change" received is recorded with
/// its receive time on the harness clock (<see cref="Stats.NowMs"/>), to compare with the change's own <c>at</c>.
/// </summary>
internal sealed class HubClients : IAsyncDisposable
{
    private readonly Uri hubUrl;
    private readonly List<HubConnection> connections = [];

    public HubClients(Uri baseAddress) => hubUrl = new Uri(baseAddress, $"/hubs/live?key={AppProcess.ScreenKey}");

    private HubClients(string hubUrl) => this.hubUrl = new Uri(hubUrl);

    /// <summary>Clients of another hub that speaks the same two messages (the bare baseline's /hubs/bare).</summary>
    public static HubClients ForHub(Uri hubUrl) => new(hubUrl.ToString());

    /// <summary>Gets every (change id, at, received ms) seen by any client.</summary>
    public ConcurrentQueue<(long Id, long At, double Received)> Received { get; } = new();

    public int Count => connections.Count;

    /// <summary>Connects and subscribes clients until there are <paramref name="total"/>, a batch at a time.</summary>
    public async Task GrowToAsync(int total, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (connections.Count < total)
        {
            var batch = Enumerable.Range(0, Math.Min(50, total - connections.Count)).Select(_ => ConnectAsync(timeout.Token)).ToList();
            connections.AddRange(await Task.WhenAll(batch));
        }
    }

    /// <summary>Forgets what was received so far.</summary>
    public void Clear() => Received.Clear();

    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in connections.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
        }

        connections.Clear();
    }

    private async Task<HubConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.On<ChangeEntry>("change", change => Received.Enqueue((change.Id, change.At, Stats.NowMs)));
        await connection.StartAsync(cancellationToken);
        await connection.InvokeAsync<object>("Subscribe", null, null, cancellationToken);
        return connection;
    }
}
