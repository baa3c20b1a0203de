using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Liwater.Dashboard.Live;

/// <summary>
/// SignalR's own lifetime manager for <see cref="LiveHub"/>, which also keeps each connection's
/// <see cref="HubConnectionContext"/> so that a <see cref="HubOutbox"/> can write one change's already serialized
/// bytes (<see cref="SerializedHubMessage"/>) to its connection: every outbox shares the same bytes instead of each
/// serializing the change again through <c>IHubContext.Clients.Client(id)</c> (decision 0175).
/// </summary>
public sealed class LiveHubConnections(ILogger<DefaultHubLifetimeManager<LiveHub>> logger) : DefaultHubLifetimeManager<LiveHub>(logger)
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> connections = new(StringComparer.Ordinal);

    /// <summary>Gets the connection with that id while it is connected to this process, or null.</summary>
    public HubConnectionContext? Find(string connectionId) => connections.GetValueOrDefault(connectionId);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        connections[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        connections.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }
}
