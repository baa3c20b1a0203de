using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Live;

/// <summary>
/// The only path by which anything becomes live. Woken by <see cref="ChangeNotifier"/> after each commit (and every
/// few seconds regardless), it reads the change log after the last id it handed out, so a lost or doubled signal can
/// neither lose nor repeat a change, and fans each batch out in id order to the Blazor subscriptions and to the
/// <see cref="LiveHub"/> connections. Both only queue: nothing a subscriber or a hub client does (or fails to do) can
/// hold the feed, so one frozen client never delays anyone else (decision 0110).
/// </summary>
public sealed class ChangeFeed(
    Db db,
    ChangeNotifier notifier,
    LiveHubClients hubClients,
    IOptions<LiveOptions> options,
    TimeProvider clock,
    ILogger<ChangeFeed> logger) : BackgroundService, ILiveFeed
{
    private const int BatchSize = 500;

    // Held while a batch is handed out and while a hub client is replayed, so that a replaying client sees the
    // missed changes strictly before the live ones that follow them.
    private readonly SemaphoreSlim dispatch = new(1, 1);
    private readonly Lock subscriptionsGate = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LiveSubscription[] subscriptions = [];

    /// <summary>Gets the id of the last change handed out (0 before the first read).</summary>
    public long LastId { get; private set; }

    /// <summary>Gets a task that completes once the feed knows where the change log stands.</summary>
    public Task Started => started.Task;

    /// <summary>
    /// Delivers matching changes to <paramref name="onChanges"/> (coalesced, never overlapping) until the returned
    /// handle is disposed. Blazor components marshal to their renderer with <c>InvokeAsync</c> inside the callback.
    /// </summary>
    public IDisposable Subscribe(LiveFilter filter, Func<IReadOnlyList<ChangeEntry>, Task> onChanges)
    {
        var subscription = new LiveSubscription(
            filter, onChanges, TimeSpan.FromMilliseconds(options.Value.CoalesceMilliseconds), clock, Remove, logger);
        lock (subscriptionsGate)
        {
            subscriptions = [.. subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Number of open subscriptions (for health and tests).</summary>
    public int SubscriptionCount => Volatile.Read(ref subscriptions).Length;

    /// <summary>
    /// Sends a hub client what it missed after <paramref name="lastSeenId"/> (in its community, or all when null)
    /// and then joins it to live delivery (<paramref name="join"/> is told whether it was replayed), with no change
    /// lost or repeated in between. Returns false — and sends nothing — when that id cannot be replayed: more than
    /// <see cref="LiveOptions.MaxReplay"/> changes old, negative, or unknown to this change log (ahead of it).
    /// <paramref name="send"/> and <paramref name="join"/> run under the dispatch lock: they must only queue.
    /// </summary>
    public async Task<bool> ReplayThenJoinAsync(
        long lastSeenId, long? communityId, Func<IReadOnlyList<ChangeEntry>, Task> send, Func<bool, Task> join,
        CancellationToken cancellationToken)
    {
        await Started.WaitAsync(cancellationToken);
        await dispatch.WaitAsync(cancellationToken);
        try
        {
            var replayable = IsReplayable(lastSeenId, LastId, options.Value.MaxReplay);
            if (replayable)
            {
                var filter = new LiveFilter(null, communityId);
                await using var connection = await db.OpenAsync(cancellationToken);
                for (var after = lastSeenId; after < LastId;)
                {
                    var rows = await ChangeLog.ReadAfterAsync(connection, after, BatchSize);
                    var upToLast = rows.Where(r => r.Id <= LastId).ToList();
                    if (upToLast.Count == 0)
                    {
                        break;
                    }

                    var matching = upToLast.Where(filter.Matches).ToList();
                    if (matching.Count > 0)
                    {
                        await send(matching);
                    }

                    after = upToLast[^1].Id;
                }
            }

            await join(replayable);
            return replayable;
        }
        finally
        {
            dispatch.Release();
        }
    }

    /// <summary>Reads and hands out everything committed since the last read.</summary>
    public async Task PumpAsync(CancellationToken cancellationToken = default)
    {
        await dispatch.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            while (true)
            {
                var rows = await ChangeLog.ReadAfterAsync(connection, LastId, BatchSize);
                if (rows.Count == 0)
                {
                    return;
                }

                foreach (var subscription in Volatile.Read(ref subscriptions))
                {
                    subscription.Offer(rows);
                }

                hubClients.Offer(rows);

                LastId = rows[^1].Id;
            }
        }
        finally
        {
            dispatch.Release();
        }
    }

    public override void Dispose()
    {
        dispatch.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start from the end of the log: history is for replay and for the screen's own first query.
        while (!stoppingToken.IsCancellationRequested && !started.Task.IsCompleted)
        {
            try
            {
                await using var connection = await db.OpenAsync(stoppingToken);
                LastId = await ChangeLog.LastIdAsync(connection);
                started.TrySetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The live feed cannot read the change log; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }

        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PumpAsync(stoppingToken);
                await notifier.WaitAsync(poll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A locked or briefly unavailable database must not end the feed: the next read catches up by id.
                logger.LogError(e, "The live feed failed to read the change log after id {LastId}; retrying", LastId);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Whether the changes after <paramref name="lastSeenId"/> can be replayed: a known id (0 … last) at most
    /// <paramref name="maxReplay"/> behind. Compared without subtracting from the client's number, which any value
    /// of a long may be (<c>last - lastSeen</c> wraps for a very negative id and would replay the whole log).
    /// </summary>
    internal static bool IsReplayable(long lastSeenId, long lastId, int maxReplay) =>
        lastSeenId >= 0 && lastSeenId <= lastId && lastSeenId >= lastId - Math.Max(0, maxReplay);

    private void Remove(LiveSubscription subscription)
    {
        lock (subscriptionsGate)
        {
            subscriptions = [.. subscriptions.Where(s => s != subscription)];
        }
    }
}
