using System.Collections.Concurrent;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Live;

/// <summary>
/// The documented hub client (docs/live-and-screen.md, copied verbatim in <see cref="LiveClient"/>) against the real
/// app through a proxy that cuts the link: it loads once, receives each change exactly once across reconnects,
/// reloads on resync and never stops retrying.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LiveClientExampleTests(LiveAppFactory app) : IClassFixture<LiveAppFactory>
{
    private const string DocPath = "docs/live-and-screen.md";
    private const string SourcePath = "Liwater.Dashboard.Tests/Live/LiveClientExample.cs";

    [Fact]
    public void Docs_ClientExample_IsTheTestedCodeVerbatim()
    {
        var root = RepositoryRoot();
        var doc = File.ReadAllText(Path.Combine(root, DocPath));
        var source = File.ReadAllText(Path.Combine(root, SourcePath));
        var tested = Between(source, "// docs:begin\n", "// docs:end");
        var documented = Between(doc, "```csharp\n", "```");

        Assert.Equal(tested.Trim(), documented.Trim());
    }

    [Fact]
    public void RetryForever_AfterAnHourOfFailures_StillRetries()
    {
        var policy = new RetryForever();

        Assert.Equal(TimeSpan.Zero, policy.NextRetryDelay(new RetryContext { PreviousRetryCount = 0 }));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.NextRetryDelay(new RetryContext { PreviousRetryCount = 1000, ElapsedTime = TimeSpan.FromHours(1) }));
    }

    [Fact]
    public async Task LiveClient_LinkCutTwice_EveryChangeOnceThenResyncReloads()
    {
        var db = app.Services.GetRequiredService<Db>();
        await using var proxy = new HoldingProxy(app.BaseAddress);
        var reloads = 0;
        var applied = new ConcurrentQueue<long>();
        using var stop = new CancellationTokenSource();
        var client = new LiveClient(
            proxy.Address,
            LiveAppFactory.Key,
            () => { Interlocked.Increment(ref reloads); return Task.CompletedTask; },
            change => { applied.Enqueue(change.Id); return Task.CompletedTask; });
        try
        {
            await client.RunAsync(stop.Token);
            Assert.Equal(1, reloads);
            var live = await TestWrites.AppendChangeAsync(db, ChangeKinds.CaseOpened, 1);
            await WaitUntilAsync(() => applied.Contains(live));

            // Cut: within the replay window, the missed changes are replayed on reconnect, each once.
            proxy.Refusing = true;
            proxy.ResetAll();
            // Two changes in one commit (the window is 5; the factory runs no background job that could add more).
            var lastMissed = await TestWrites.AppendChangesAsync(db, ChangeKinds.CaseUpdated, 1, 2);
            long[] missed = [lastMissed - 1, lastMissed];

            await Task.Delay(TimeSpan.FromSeconds(3));
            proxy.Refusing = false;
            await WaitUntilAsync(() => applied.Contains(missed[^1]));
            var afterFirstCut = applied.ToList();
            Assert.Equal([.. afterFirstCut.Distinct().Order()], afterFirstCut);
            Assert.Subset(afterFirstCut.ToHashSet(), new HashSet<long> { live, missed[0], missed[1] });
            Assert.Equal(1, reloads);

            // Cut again, for longer than the replay window: "resync" makes it reload, then it continues.
            proxy.Refusing = true;
            proxy.ResetAll();
            var tooMany = await TestWrites.AppendChangesAsync(db, ChangeKinds.CaseUpdated, 1, LiveAppFactory.MaxReplay + 3);
            await Task.Delay(TimeSpan.FromSeconds(3));
            proxy.Refusing = false;
            await WaitUntilAsync(() => Volatile.Read(ref reloads) == 2);
            var next = await TestWrites.AppendChangeAsync(db, ChangeKinds.CaseResolved, 1);
            await WaitUntilAsync(() => applied.Contains(next));
            Assert.DoesNotContain(tooMany, applied);
            Assert.Equal(1, applied.Count(id => id == next));
        }
        finally
        {
            await stop.CancelAsync();
            await client.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "the client did not get there within a minute");
    }

    private static string Between(string text, string start, string end)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start.Trim()}' not found");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..to];
    }

    private static string RepositoryRoot() => AppProcess.RepositoryRoot();
}
