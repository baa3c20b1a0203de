using System.Threading.Channels;
using Liwater.Data.Changes;
using Liwater.Data.Statistics;
using Microsoft.AspNetCore.SignalR;

namespace Liwater.Dashboard.Live;

/// <summary>
/// One <see cref="LiveHub"/> connection's queue of outgoing messages, drained by its own task. The feed only ever
/// <em>offers</em> to it (never waits), so a client that reads slowly or not at all — a suspended long-polling tab, a
/// frozen kiosk, a link that holds packets — delays nobody else. When the queue is full the client cannot keep up:
/// it is disconnected, and on reconnect it resumes with <c>Subscribe(lastSeenId)</c> (replay or resync).
/// </summary>
internal sealed class HubOutbox
{
    private readonly Channel<Message> queue;
    private readonly HubCallerContext context;
    private readonly IHubContext<LiveHub> hub;
    private readonly Action<HubOutbox, string> drop;
    private readonly ILogger logger;
    private LiveFilter? filter;

    public HubOutbox(HubCallerContext context, int capacity, IHubContext<LiveHub> hub, Action<HubOutbox, string> drop, ILogger logger)
    {
        this.context = context;
        this.hub = hub;
        this.drop = drop;
        this.logger = logger;
        queue = Channel.CreateBounded<Message>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of silently dropping a change
            SingleReader = true,
        });
        Drained = Task.Run(DrainAsync);
    }

    public string ConnectionId => context.ConnectionId;

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
    public bool Offer(IEnumerable<ChangeEntry> changes, LiveFilter? over = null)
    {
        var wanted = over ?? Filter;
        if (wanted is null)
        {
            return true;
        }

        foreach (var change in changes)
        {
            if (wanted.Matches(change) && ScreenChanges.ForScreen(change) is { } visible
                && !Enqueue(new Message(LiveHub.ChangeMessage, visible, null)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Queues the resync message (the feed's last id).</summary>
    public bool OfferResync(long lastId) => Enqueue(new Message(LiveHub.ResyncMessage, lastId, null));

    /// <summary>Completes once everything queued so far has been handed to the transport (or the connection ended).</summary>
    public Task FlushedAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Enqueue(new Message(null, null, flushed)) ? flushed.Task : Task.CompletedTask;
    }

    /// <summary>Stops the drain; queued messages are discarded (the client resumes by id after reconnecting).</summary>
    public void Complete() => queue.Writer.TryComplete();

    /// <summary>Ends the connection from the server side: the client sees it close and reconnects.</summary>
    public void Abort()
    {
        Complete();
        context.Abort();
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
        var aborted = context.ConnectionAborted;
        var client = hub.Clients.Client(context.ConnectionId);
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(aborted))
            {
                if (message.Method is { } method)
                {
                    await client.SendAsync(method, message.Payload, aborted);
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
            logger.LogWarning(e, "Sending to live hub connection {ConnectionId} failed; dropping it", context.ConnectionId);
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

    private sealed record Message(string? Method, object? Payload, TaskCompletionSource? Flushed);
}
