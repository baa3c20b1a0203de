using Microsoft.AspNetCore.SignalR;

namespace Liwater.Bench.Baseline;

/// <summary>A hub with nothing in it: clients call Subscribe as they do on Liwater's /hubs/live, and get every commit.</summary>
public sealed class BareHub : Hub
{
    public object? Subscribe(long? communityId, long? lastSeenId)
    {
        _ = (communityId, lastSeenId);
        return null;
    }
}
