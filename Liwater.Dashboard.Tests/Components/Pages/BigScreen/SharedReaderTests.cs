using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

/// <summary>
/// ScreenState as the one shared reader of every live figure panel (wall, overview, meeting figures), on its own demo
/// database, fed by hand.
/// </summary>
public sealed class SharedReaderTests : IClassFixture<DemoDatabase>, IDisposable
{
    private readonly DemoDatabase demo;
    private readonly ServiceProvider services;
    private readonly ManualLiveFeed feed;
    private readonly IDisposable listener;

    public SharedReaderTests(DemoDatabase demo)
    {
        this.demo = demo;
        var collection = new ServiceCollection();
        feed = collection.AddLivePages(demo.Db);
        services = collection.BuildServiceProvider();
        // The reader reads only while a page listens.
        listener = State.Listen(_ => Task.CompletedTask);
    }

    private ScreenState State => services.GetRequiredService<ScreenState>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
    }

    [Fact]
    public async Task Changes_OnlyTheSnapshotJobsEntry_ReReadsCountersButNotTheTownFigures()
    {
        await State.GetAsync(Cancel);
        var figuresReads = State.FiguresReads;

        await AfterAsync(ChangeKinds.StatisticsUpdated);

        Assert.Equal(figuresReads, State.FiguresReads);
    }

    [Fact]
    public async Task Changes_ARatingPublished_ReReadsTheTownFigures()
    {
        await State.GetAsync(Cancel);
        var figuresReads = State.FiguresReads;

        await AfterAsync(ChangeKinds.RatingPublished);

        Assert.Equal(figuresReads + 1, State.FiguresReads);
    }

    [Fact]
    public async Task GetFiguresAsync_TwoPanelsAskForOneCommunity_ReadsItOnceAndCountsItsNewCasesByLevel()
    {
        var snapshot = await State.GetAsync(Cancel);
        var community = snapshot.Data.Communities[^1].Id;
        var compound = snapshot.Data.Compounds.First(c => c.CommunityId == community).Id;
        var before = (await State.GetFiguresAsync(community, Cancel)).OpenCases;
        var figuresReads = State.FiguresReads;

        // Hand-built rows: two cases at the community level and one at the town level in one of its compounds.
        await TestWrites.OpenCaseAsync(demo.Db, compound, level: "community");
        await TestWrites.OpenCaseAsync(demo.Db, compound, level: "community");
        await TestWrites.OpenCaseAsync(demo.Db, compound, level: "town");
        await AfterAsync(ChangeKinds.CaseOpened, community);
        var first = await State.GetFiguresAsync(community, Cancel);
        var second = await State.GetFiguresAsync(community, Cancel);

        Assert.Equal((before.Compound, before.Community + 2, before.Town + 1), (first.OpenCases.Compound, first.OpenCases.Community, first.OpenCases.Town));
        Assert.Equal(first, second);
        Assert.Equal(figuresReads, State.FiguresReads);
    }

    [Fact]
    public async Task Snapshot_NewCase_MovesTheTownsOpenCasesAndItsCompoundsRowWithoutAFiguresRead()
    {
        var snapshot = await State.GetAsync(Cancel);
        var compound = snapshot.Compounds[0];
        var figuresReads = State.FiguresReads;

        await TestWrites.OpenCaseAsync(demo.Db, compound.Id);
        var after = await AfterAsync(ChangeKinds.CaseOpened, compound.CommunityId);

        Assert.Equal(snapshot.Figures.OpenCases.Compound + 1, after.Figures.OpenCases.Compound);
        Assert.Equal(compound.OpenCases + 1, after.Compounds.Single(c => c.Id == compound.Id).OpenCases);
        Assert.Equal(figuresReads, State.FiguresReads);
    }

    /// <summary>Publishes one change and waits for the read it causes; returns that read's snapshot.</summary>
    private async Task<ScreenSnapshot> AfterAsync(string kind, long? community = null)
    {
        var reads = State.Reads;
        await feed.PublishAsync([new ChangeEntry { Id = feed.LastId + 1, Kind = kind, Entity = "test", CommunityId = community }]);
        for (var i = 0; i < 200 && State.Reads <= reads; i++)
        {
            await Task.Delay(50, Cancel);
        }

        Assert.True(State.Reads > reads, "no read after the change");
        return State.Current!;
    }
}
