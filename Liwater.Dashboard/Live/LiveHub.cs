using Liwater.Data.Changes;
using Microsoft.AspNetCore.SignalR;

namespace Liwater.Dashboard.Live;

/// <summary>
/// The live feed for clients outside the Blazor circuits (another screen, an integration) at <see cref="Path"/>.
/// A client calls <c>Subscribe(communityId, lastSeenId)</c> once connected and again after each reconnect; it then
/// receives <see cref="ChangeMessage"/> with one change each, in id order, or <see cref="ResyncMessage"/> when what
/// it missed is too old to replay and it should reload its state. Clients ignore ids they have already seen.
/// </summary>
/// <remarks>Reached by whoever may open the wall — a screen key or a signed-in account (one rule,
/// <see cref="Components.Pages.BigScreen.ScreenAccess.MayOpenScreen"/>) — so it sends only what the screen shows (<see cref="Data.Statistics.ScreenChanges"/>). Messages go through the connection's own
/// outbox (<see cref="LiveHubClients"/>): a client that cannot keep up is disconnected and resumes by id.</remarks>
public sealed class LiveHub(ChangeFeed feed, LiveHubClients clients) : Hub
{
    public const string Path = "/hubs/live";
    public const string ChangeMessage = "change";
    public const string ResyncMessage = "resync";

    /// <summary>
    /// Joins the live stream of one community (or the whole town when <paramref name="communityId"/> is null) after
    /// replaying the changes after <paramref name="lastSeenId"/>; a null id means "from now on". Calling it again on
    /// the same connection replaces the subscription (it never adds a second one). Returns once the replayed changes
    /// (or the resync) have been handed to the connection, so they arrive before the result.
    /// </summary>
    public async Task<SubscribeResult> Subscribe(long? communityId, long? lastSeenId)
    {
        var outbox = clients.Open(Context);
        var filter = new LiveFilter(null, communityId);
        var replayed = 0;
        var resync = false;
        long lastId = 0;
        await feed.ReplayThenJoinAsync(
            lastSeenId ?? long.MaxValue,
            communityId,
            changes =>
            {
                var visible = HubChange.Of(changes);
                replayed += visible.Count(c => filter.Matches(c.Change));
                outbox.Offer(visible, filter);
                return Task.CompletedTask;
            },
            replayable =>
            {
                // Under the feed's lock: the resync and the switch of filter fall between two batches, in order.
                lastId = feed.LastId;
                resync = !replayable && lastSeenId is not null;
                if (resync)
                {
                    outbox.OfferResync(lastId);
                }

                outbox.Filter = filter;
                return Task.CompletedTask;
            },
            Context.ConnectionAborted);

        await outbox.FlushedAsync().WaitAsync(Context.ConnectionAborted);
        return new SubscribeResult { LastId = lastId, Replayed = replayed, Resync = resync };
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        clients.Close(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>What <see cref="LiveHub.Subscribe"/> did: changes replayed, or resync; the feed's last id at the moment
/// the connection joined (every later change arrives live).</summary>
public sealed record SubscribeResult
{
    public long LastId { get; init; }
    public int Replayed { get; init; }
    public bool Resync { get; init; }
}
