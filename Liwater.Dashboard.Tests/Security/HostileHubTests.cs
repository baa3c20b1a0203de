using System.Reflection;
using System.Threading.Channels;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>Issue 11's hostile-input sweep over the live hub: every hub method with hostile arguments, and a healthy client unaffected.</summary>
[Collection(AppCollection.Name)]
public sealed class HostileHubTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>
{
    [Fact]
    public async Task LiveHub_HostileArguments_ErrorOrResyncAndOtherClientsKeepGettingChanges()
    {
        var healthy = Channel.CreateUnbounded<ChangeEntry>();
        await using var watcher = Hub();
        watcher.On<ChangeEntry>(LiveHub.ChangeMessage, c => healthy.Writer.TryWrite(c));
        await watcher.StartAsync();
        await watcher.InvokeAsync<SubscribeResult>("Subscribe", null, null);

        // Every hub method (the hub declares its own), with ids no community has, the edges of long, wrong types,
        // a string past the message limit, and methods that do not exist.
        var methods = typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName && m.Name != nameof(LiveHub.OnDisconnectedAsync)).Select(m => m.Name).ToList();
        Assert.Contains("Subscribe", methods);
        object?[] ids = [null, 0L, -1L, long.MinValue, long.MaxValue, long.MinValue + 1, 9_007_199_254_740_993L];
        var calls = new List<(string Method, object?[] Args)>();
        foreach (var method in methods)
        {
            calls.AddRange(ids.SelectMany(a => ids.Select(b => (method, new[] { a, b }))));
            calls.AddRange(HostileStrings.Text.Where(t => t.Value.Length < 1000).Select(t => (method, new object?[] { t.Value, t.Value })));
            calls.Add((method, [new string('长', 40_000), null]));
            calls.Add((method, [1.5, "1"]));
            calls.Add((method, []));
            calls.Add((method, [null, null, null]));
        }

        calls.Add(("NoSuchMethod", [null, null]));
        calls.Add(("OnDisconnectedAsync", [null]));
        var (answered, errors, dropped) = (0, 0, 0);
        var hostile = Hub();
        await hostile.StartAsync();
        foreach (var (method, args) in calls)
        {
            if (hostile.State != HubConnectionState.Connected)
            {
                dropped++;
                await hostile.DisposeAsync();
                hostile = Hub();
                await hostile.StartAsync();
            }

            try
            {
                var result = await hostile.InvokeCoreAsync<SubscribeResult>(method, args).WaitAsync(TimeSpan.FromSeconds(10));
                answered++;
                if (args is [_, long last] && last < 0)
                {
                    Assert.True(result.Resync, $"{method}({string.Join(", ", args)}) replayed instead of resync");
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
            {
                // An error answer (HubException), or the server closed this connection (a message past its limit).
                errors++;
            }
        }

        await hostile.DisposeAsync();
        var change = await TestWrites.AppendChangeAsync(fixture.Db, ChangeKinds.CaseOpened, fixture.CommunityA, "敌意输入之后");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        ChangeEntry received;
        do
        {
            received = await healthy.Reader.ReadAsync(timeout.Token);
        }
        while (received.Id < change);

        Assert.Equal(change, received.Id);
        Assert.Equal(HubConnectionState.Connected, watcher.State);
        Figures.Record($"hostile_hub calls={calls.Count} answered={answered} errors={errors} connections_dropped={dropped}");
    }

    private HubConnection Hub() => new HubConnectionBuilder()
        .WithUrl(new Uri(fixture.App.BaseAddress, $"{LiveHub.Path}?key=demo-screen-key"))
        .Build();
}
