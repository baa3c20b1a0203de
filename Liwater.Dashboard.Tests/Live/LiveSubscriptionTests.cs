using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Live;

public sealed class LiveSubscriptionTests
{
    private readonly FakeTimeProvider clock = new();
    private readonly List<long[]> deliveries = [];

    [Fact]
    public void Offer_Burst_FirstGoesAtOnceRestCoalescedIntoOneDeliveryPerWindow()
    {
        using var subscription = Subscribe(LiveFilter.Everything);

        subscription.Offer([Change(1)]);
        subscription.Offer([Change(2)]);
        subscription.Offer([Change(3), Change(4)]);
        var beforeWindow = deliveries.Count;
        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(1, beforeWindow);
        Assert.Equal([[1], [2, 3, 4]], deliveries);
    }

    [Fact]
    public void Offer_FilterByKindAndCommunity_DeliversOnlyMatchesAndTownWideChanges()
    {
        using var subscription = Subscribe(new LiveFilter(new HashSet<string> { ChangeKinds.CaseOpened, ChangeKinds.RatingPublished }, 2));

        subscription.Offer([
            Change(1, ChangeKinds.CaseOpened, 2), Change(2, ChangeKinds.CaseOpened, 3), Change(3, ChangeKinds.UserChanged, 2),
            Change(4, ChangeKinds.RatingPublished, null)]);

        Assert.Equal([[1, 4]], deliveries);
    }

    [Fact]
    public void Offer_AfterDispose_DeliversNothingAndLeavesTheFeed()
    {
        var removed = false;
        var subscription = new LiveSubscription(LiveFilter.Everything, Record, TimeSpan.FromMilliseconds(250), clock, _ => removed = true, NullLogger.Instance);
        subscription.Offer([Change(1)]);
        subscription.Offer([Change(2)]);

        subscription.Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(removed);
        Assert.Equal([[1]], deliveries);
    }

    private LiveSubscription Subscribe(LiveFilter filter) =>
        new(filter, Record, TimeSpan.FromMilliseconds(250), clock, _ => { }, NullLogger.Instance);

    private Task Record(IReadOnlyList<ChangeEntry> batch)
    {
        deliveries.Add([.. batch.Select(c => c.Id)]);
        return Task.CompletedTask;
    }

    private static ChangeEntry Change(long id, string kind = ChangeKinds.CaseOpened, long? community = 1) =>
        new() { Id = id, Kind = kind, Entity = "case", CommunityId = community };
}
