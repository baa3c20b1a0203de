using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Liwater.Dashboard.Tests.Live;

// The client example of docs/live-and-screen.md, verbatim (LiveClientExampleTests checks that the two agree).
// docs:begin
/// <summary>A client of /hubs/live that never gives up: it loads its state once, then applies every change after it.</summary>
public sealed class LiveClient(Uri baseUrl, string key, Func<Task> reloadState, Func<ChangeEntry, Task> apply) : IAsyncDisposable
{
    private readonly HubConnection hub = new HubConnectionBuilder()
        .WithUrl(new Uri(baseUrl, $"/hubs/live?key={key}"))
        .WithAutomaticReconnect(new RetryForever()) // the default policy gives up after about 42 s
        .Build();

    private long lastSeen = -1; // -1: nothing loaded yet

    public async Task RunAsync(CancellationToken stop)
    {
        // Handlers run one at a time, in the order the server sent the messages.
        hub.On<ChangeEntry>("change", async change =>
        {
            if (change.Id > lastSeen)
            {
                await apply(change);
                lastSeen = change.Id;
            }
        });
        hub.On<long>("resync", async lastId =>
        {
            await reloadState(); // missed too much to replay: reload, then continue after lastId
            lastSeen = lastId;
        });
        hub.Reconnected += _ => SubscribeAsync();
        hub.Closed += async _ =>
        {
            if (!stop.IsCancellationRequested)
            {
                await ConnectAsync(stop);
            }
        };
        await ConnectAsync(stop);
    }

    public ValueTask DisposeAsync() => hub.DisposeAsync();

    private async Task ConnectAsync(CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await hub.StartAsync(stop);
                await SubscribeAsync();
                return;
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop); // the server is not there yet: try again, forever
            }
        }
    }

    private async Task SubscribeAsync()
    {
        // After every (re)connect: the changes after lastSeen are replayed first (or "resync" comes).
        var first = lastSeen < 0;
        var result = await hub.InvokeAsync<SubscribeResult>("Subscribe", null, first ? null : lastSeen);
        if (first)
        {
            await reloadState(); // the one place your state is loaded; changes after result.LastId follow
            lastSeen = Math.Max(lastSeen, result.LastId);
        }
    }
}

/// <summary>Reconnects forever: at once, then after 2, 4, 6, 8 s, then every 10 s.</summary>
public sealed class RetryForever : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        TimeSpan.FromSeconds(Math.Min(10, 2 * retryContext.PreviousRetryCount));
}
// docs:end
