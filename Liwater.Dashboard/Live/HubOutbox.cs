using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Liwater.Dashboard.Live;

/// <summary>
/// One <see cref="LiveHub"/> connection's queue of outgoing messages, drained by its own task. The feed only ever
/// <em>offers</em> to it (never waits), so a client that reads slowly or not at all — a suspended long-polling tab, a
/// frozen kiosk, a link that holds packets — delays nobody else. When the queue is full the client cannot keep up:
/// it is disconnected, and on reconnect it resumes with <c>Subscribe(lastSeenId)</c> (replay or resync).
/// It writes the shared, already serialized message of each change (<see cref="HubChange"/>) straight to its
/// connection, as SignalR's own group send does, so a change is serialized once for every connection (decision 0175).
/// </summary>
internal sealed class HubOutbox
{
    private readonly Channel<Message> queue;
    private readonly HubConnectionContext connection;
    private readonly Action<HubOutbox, string> drop;
    private readonly ILogger logger;
    private LiveFilter? filter;

    public HubOutbox(HubConnectionContext connection, int capacity, Action<HubOutbox, string> drop, ILogger logger)
    {
        this.connection = connection;
        this.drop = drop;
        this.logger = logger;
        queue = Channel.CreateBounded<Message>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of silently dropping a change
            SingleReader = true,
        });
        Drained = Task.Run(DrainAsync);
    }

    public string ConnectionId => connection.ConnectionId;

    /// <summary>Gets the account that let this connection in when it came without a screen key (null with a key): the
    /// connection ends when that account is deactivated or changed (<see cref="HubAccountSweep"/>).</summary>
    public System.Security.Claims.ClaimsPrincipal? Account { get; init; }

    /// <summary>Gets the task that sends the queue; it ends when the connection closes or is dropped.</summary>
    public Task Drained { get; }

    /// <summary>Gets or sets which changes this connection receives; null until its first Subscribe joins it. Only
    /// set while the feed's dispatch lock is held, so a subscription switch falls between two batches.</summary>
    public LiveFilter? Filter
    {
        get => Volatile.Read(ref filter);
        set => Volatile.Write(ref filter, value);
    }

    /// <summary>Queues the changes this connection may see (its filter and the screen's allow-list); false when the
    /// queue overflowed and the connection was dropped.</summary>
    public bool Offer(IReadOnlyList<HubChange> changes, LiveFilter? over = null)
    {
        var wanted = over ?? Filter;
        if (wanted is null)
        {
            return true;
        }

        foreach (var change in changes)
        {
            if (wanted.Matches(change.Change) && !Enqueue(new Message(change.Message, null)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Queues the resync message (the feed's last id).</summary>
    public bool OfferResync(long lastId) =>
        Enqueue(new Message(new SerializedHubMessage(new InvocationMessage(LiveHub.ResyncMessage, [lastId])), null));

    /// <summary>Completes once everything queued so far has been handed to the transport (or the connection ended).</summary>
    public Task FlushedAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Enqueue(new Message(null, flushed)) ? flushed.Task : Task.CompletedTask;
    }

    /// <summary>Stops the drain; queued messages are discarded (the client resumes by id after reconnecting).</summary>
    public void Complete() => queue.Writer.TryComplete();

    /// <summary>Ends the connection from the server side: the client sees it close and reconnects.</summary>
    public void Abort()
    {
        Complete();
        connection.Abort();
    }

    private bool Enqueue(Message message)
    {
        if (queue.Writer.TryWrite(message))
        {
            return true;
        }

        drop(this, "its outbox is full");
        return false;
    }

    private async Task DrainAsync()
    {
        var aborted = connection.ConnectionAborted;
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(aborted))
            {
                if (message.Serialized is { } serialized)
                {
                    // The connection's protocol picks (or makes, once for everyone) the bytes; the write waits while
                    // the transport's buffer is full, exactly as a send through the hub context does.
                    await connection.WriteAsync(serialized, aborted);
                }
                else
                {
                    message.Flushed?.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The connection closed while a send waited for it.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sending to live hub connection {ConnectionId} failed; dropping it", connection.ConnectionId);
            drop(this, "a send failed");
        }
        finally
        {
            // Whoever waits for a flush must not wait for a connection that is gone.
            while (queue.Reader.TryRead(out var left))
            {
                left.Flushed?.TrySetResult();
            }
        }
    }

    private sealed record Message(SerializedHubMessage? Serialized, TaskCompletionSource? Flushed);
}
