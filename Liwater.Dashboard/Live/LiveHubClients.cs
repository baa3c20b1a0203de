using System.Collections.Concurrent;
using Liwater.Data.Changes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Live;

/// <summary>
/// The <see cref="LiveHub"/> connections of this process, each with its own <see cref="HubOutbox"/>. The
/// <see cref="ChangeFeed"/> hands every batch to <see cref="Offer"/>, which only queues: sending is each outbox's own
/// task, so the feed (and with it every Blazor page and every <c>Subscribe</c>) never waits for a hub client.
/// Each process sends only to its own connections. Each change is serialized once for all of them (decision 0175).
/// </summary>
public sealed class LiveHubClients(LiveHubConnections connections, IOptions<LiveOptions> options, ILogger<LiveHubClients> logger)
{
    private readonly ConcurrentDictionary<string, HubOutbox> outboxes = new(StringComparer.Ordinal);
    private long dropped;

    /// <summary>Gets the number of connections with an outbox (for health and tests).</summary>
    public int Count => outboxes.Count;

    /// <summary>Gets how many connections were dropped because they could not keep up (for health and tests).</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Gets the queue length at which a connection counts as unable to keep up. It always leaves room for
    /// a full replay plus a live batch, so a replaying client is not dropped for catching up.</summary>
    public int Capacity => Math.Max(options.Value.HubOutboxCapacity, options.Value.MaxReplay + 1000);

    /// <summary>Whether the connection is still served (for tests).</summary>
    public bool Has(string connectionId) => outboxes.ContainsKey(connectionId);

    /// <summary>Hands changes to every joined connection's outbox, without waiting for any client.</summary>
    public void Offer(IReadOnlyList<ChangeEntry> changes)
    {
        if (outboxes.IsEmpty)
        {
            return;
        }

        // One message per change, shared by every outbox: serialized by the first connection that sends it.
        var shared = HubChange.Of(changes);
        foreach (var outbox in outboxes.Values)
        {
            outbox.Offer(shared);
        }
    }

    internal HubOutbox Open(HubCallerContext context)
    {
        var connection = connections.Find(context.ConnectionId)
            ?? throw new OperationCanceledException($"Live hub connection {context.ConnectionId} has closed.");
        var account = context.GetHttpContext() is { } http && Components.Pages.BigScreen.ScreenAccess.ByAccountOnly(http) ? context.User : null;
        return Open(connection, account);
    }

    /// <summary>Gets the connection's outbox, opening it on the connection's first Subscribe.</summary>
    internal HubOutbox Open(HubConnectionContext connection, System.Security.Claims.ClaimsPrincipal? account) =>
        outboxes.GetOrAdd(connection.ConnectionId, _ => new HubOutbox(connection, Capacity, Drop, logger) { Account = account });

    /// <summary>The connections let in by a sign-in cookie alone (no screen key), with their account.</summary>
    internal IReadOnlyList<HubOutbox> ByAccount => [.. outboxes.Values.Where(o => o.Account is not null)];

    /// <summary>Ends a connection whose account was deactivated or changed (not counted as dropped: it may not resume).</summary>
    internal void Revoke(HubOutbox outbox)
    {
        if (outboxes.TryRemove(new KeyValuePair<string, HubOutbox>(outbox.ConnectionId, outbox)))
        {
            logger.LogInformation("Live hub connection {ConnectionId} closed: its account was deactivated or changed", outbox.ConnectionId);
        }

        outbox.Abort();
    }

    internal void Close(string connectionId)
    {
        if (outboxes.TryRemove(connectionId, out var outbox))
        {
            outbox.Complete();
        }
    }

    private void Drop(HubOutbox outbox, string reason)
    {
        if (outboxes.TryRemove(new KeyValuePair<string, HubOutbox>(outbox.ConnectionId, outbox)))
        {
            Interlocked.Increment(ref dropped);
            logger.LogWarning("Live hub connection {ConnectionId} dropped: {Reason}; it resumes by id when it reconnects", outbox.ConnectionId, reason);
        }

        outbox.Abort();
    }
}
