using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Live;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

/// <summary>The screens' shared reader on the real app: one read per burst serves every open screen.</summary>
[Collection(AppCollection.Name)]
public sealed class ScreenStateTests(LiveAppFactory app) : IClassFixture<LiveAppFactory>
{
    [Fact]
    public async Task Commit_WithThreeScreensListening_EachGetsTheNewCountFromOneSharedRead()
    {
        var state = app.Services.GetRequiredService<ScreenState>();
        await app.Services.GetRequiredService<ChangeFeed>().Started;
        var before = (await state.GetAsync(TestContext.Current.CancellationToken)).Data.Counters.OpenTotal;
        var seen = new[] { new TaskCompletionSource<long>(), new TaskCompletionSource<long>(), new TaskCompletionSource<long>() };
        var listeners = seen.Select(tcs => state.Listen(s =>
        {
            if (s.Data.Counters.OpenTotal > before)
            {
                tcs.TrySetResult(s.Data.Counters.OpenTotal);
            }

            return Task.CompletedTask;
        })).ToList();
        var readsBefore = state.Reads;

        await TestWrites.OpenCaseAsync(app.Services.GetRequiredService<Db>());
        var counts = await Task.WhenAll(seen.Select(s => s.Task)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.All(counts, c => Assert.Equal(before + 1, c));
        // One read for the commit (a periodic refresh may add one), never one per screen.
        Assert.InRange(state.Reads - readsBefore, 1, 2);
        listeners.ForEach(l => l.Dispose());
        Assert.Equal(0, state.Listeners);
    }

    [Fact]
    public async Task GetAsync_NoScreenListening_ReadsAfreshAfterAChange()
    {
        var state = app.Services.GetRequiredService<ScreenState>();
        await app.Services.GetRequiredService<ChangeFeed>().Started;
        var before = (await state.GetAsync(TestContext.Current.CancellationToken)).Data.Counters.OpenTotal;

        await TestWrites.OpenCaseAsync(app.Services.GetRequiredService<Db>());
        long now = before;
        for (var i = 0; i < 100 && now == before; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            now = (await state.GetAsync(TestContext.Current.CancellationToken)).Data.Counters.OpenTotal;
        }

        Assert.Equal(before + 1, now);
    }

    [Fact]
    public async Task Start_NoScreenOpen_ReadOnceAtStartThenDroppedAtTheFirstChange()
    {
        await using var fresh = new LiveAppFactory();
        var state = fresh.Services.GetRequiredService<ScreenState>();

        // Read while the app started, before any screen asked.
        Assert.Equal(1, state.Reads);
        var atStart = Assert.IsType<ScreenSnapshot>(state.Current);
        Assert.Equal(0, state.Listeners);

        // A case opened after that read: with no screen open the start read is dropped, and the first screen reads afresh.
        await TestWrites.OpenCaseAsync(fresh.Services.GetRequiredService<Db>());
        for (var i = 0; i < 100 && state.Current is not null; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Null(state.Current);
        var first = await state.GetAsync(TestContext.Current.CancellationToken);
        Assert.Equal(atStart.Data.Counters.OpenTotal + 1, first.Data.Counters.OpenTotal);
    }
}
