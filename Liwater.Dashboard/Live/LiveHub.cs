using Liwater.Data.Changes;
using Microsoft.AspNetCore.SignalR;

namespace Liwater.Dashboard.Live;

/// <summary>
/// The live feed for clients outside the Blazor circuits (another screen, an integration) at <see cref="Path"/>.
/// A client calls <c>Subscribe(communityId, lastSeenId)</c> once connected and again after each reconnect; it then
/// receives <see cref="ChangeMessage"/> with one change each, in id order, or <see cref="ResyncMessage"/> when what
/// it missed is too old to replay and it should reload its state. Clients ignore ids they have already seen.
/// </summary>
/// <remarks>Reached only with a screen key (see <see cref="Components.Pages.BigScreen.ScreenAccess"/>): it shows what the screen shows.</remarks>
public sealed class LiveHub(ChangeFeed feed) : Hub
{
    public const string Path = "/hubs/live";
    public const string ChangeMessage = "change";
    public const string ResyncMessage = "resync";
    public const string TownGroup = "town";

    // Every community subscriber also joins this group, so changes that belong to no community reach them too.
    public const string AnyCommunityGroup = "community:any";

    public static string CommunityGroup(long communityId) => $"community:{communityId}";

    /// <summary>
    /// Joins the live stream of one community (or the whole town when <paramref name="communityId"/> is null) after
    /// replaying the changes after <paramref name="lastSeenId"/>; a null id means "from now on".
    /// </summary>
    public async Task<SubscribeResult> Subscribe(long? communityId, long? lastSeenId)
    {
        var caller = Clients.Caller;
        var aborted = Context.ConnectionAborted;
        var replayed = 0;
        var ok = await feed.ReplayThenJoinAsync(
            lastSeenId ?? long.MaxValue,
            communityId,
            async changes =>
            {
                foreach (var change in changes)
                {
                    await caller.SendAsync(ChangeMessage, change, aborted);
                    replayed++;
                }
            },
            async () =>
            {
                if (communityId is { } id)
                {
                    await Groups.AddToGroupAsync(Context.ConnectionId, CommunityGroup(id), aborted);
                    await Groups.AddToGroupAsync(Context.ConnectionId, AnyCommunityGroup, aborted);
                }
                else
                {
                    await Groups.AddToGroupAsync(Context.ConnectionId, TownGroup, aborted);
                }
            },
            aborted);

        var resync = !ok && lastSeenId is not null;
        if (resync)
        {
            await caller.SendAsync(ResyncMessage, feed.LastId, aborted);
        }

        return new SubscribeResult { LastId = feed.LastId, Replayed = replayed, Resync = resync };
    }
}

/// <summary>What <see cref="LiveHub.Subscribe"/> did: changes replayed, or resync; the feed's last id.</summary>
public sealed record SubscribeResult
{
    public long LastId { get; init; }
    public int Replayed { get; init; }
    public bool Resync { get; init; }
}

