using Liwater.Data.Changes;
using Liwater.Data.Statistics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Liwater.Dashboard.Live;

/// <summary>
/// One change as the hub sends it: the change as the screen may see it (<see cref="ScreenChanges.ForScreen"/>),
/// for each connection's filter, and its <see cref="LiveHub.ChangeMessage"/> invocation, serialized at most once
/// per protocol however many connections receive it (<see cref="SerializedHubMessage"/> caches the bytes; decision 0175).
/// </summary>
internal sealed record HubChange(ChangeEntry Change, SerializedHubMessage Message)
{
    /// <summary>The changes of a batch the hub may send, in order, each with its one shared message.</summary>
    public static IReadOnlyList<HubChange> Of(IEnumerable<ChangeEntry> changes) =>
        [.. changes.Select(ScreenChanges.ForScreen).OfType<ChangeEntry>()
            .Select(visible => new HubChange(visible, new SerializedHubMessage(new InvocationMessage(LiveHub.ChangeMessage, [visible]))))];
}
