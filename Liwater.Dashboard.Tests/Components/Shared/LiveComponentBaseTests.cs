using System.Globalization;
using Bunit;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Tests.Components.Shared;

public sealed class LiveComponentBaseTests : BunitTestBase
{
    private readonly ManualLiveFeed feed = new();

    public LiveComponentBaseTests() => Services.AddSingleton<ILiveFeed>(feed);

    [Fact]
    public void Live_RegisteredWhileInitialising_SubscribesOnlyAfterTheFirstRender()
    {
        var probe = Render<FeedProbe>();

        Assert.Equal(0, probe.Instance.SubscribersDuringInitialisation);
        Assert.Equal(1, feed.Subscribers);
    }

    [Fact]
    public async Task Live_ChangeDeliveredOnAnEnglishThread_ReRendersInTheCircuitsChineseCulture()
    {
        var probe = Render<FeedProbe>();
        Assert.Equal("zh-CN 里水镇住宅小区综合治理 0", probe.Find("#out").TextContent);

        await feed.PublishAsync([Change(1)], threadCulture: "en-US");

        probe.WaitForAssertion(() => Assert.Equal("zh-CN 里水镇住宅小区综合治理 1", probe.Find("#out").TextContent));
    }

    [Fact]
    public async Task Live_ChangeDeliveredOnAChineseThread_ReRendersInTheCircuitsEnglishCulture()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var probe = Render<FeedProbe>();

        await feed.PublishAsync([Change(1)], threadCulture: "zh-CN");

        probe.WaitForAssertion(() => Assert.Equal("en Lishui Residential Governance 1", probe.Find("#out").TextContent));
    }

    [Fact]
    public async Task Live_FilterDoesNotMatch_DoesNotReload()
    {
        var probe = Render<FeedProbe>(p => p.Add(x => x.Filter, LiveFilter.OfKinds(ChangeKinds.CaseOpened) with { Entity = "case", EntityId = 7 }));

        await feed.PublishAsync([Change(1, entityId: 8), Change(2, kind: ChangeKinds.UserChanged, entityId: 7)]);
        await feed.PublishAsync([Change(3, entityId: 7)]);

        probe.WaitForAssertion(() => Assert.Equal(1, probe.Instance.Reloads));
    }

    [Fact]
    public async Task Live_HandlerThrows_ExceptionIsDispatchedToTheRenderer()
    {
        var probe = Render<FeedProbe>(p => p.Add(x => x.Fail, true));

        await feed.PublishAsync([Change(1)]);
        var dispatched = await Renderer.UnhandledException.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);

        Assert.Equal("reload failed", dispatched.Message);
        Assert.Equal(1, probe.Instance.Reloads);
    }

    [Fact]
    public void Live_FeedMovedBetweenRegistrationAndFirstRender_ReadsOnceMoreOnSubscribing()
    {
        feed.LastId = 10;
        var probe = Render<FeedProbe>(p => p.Add(x => x.MoveFeedTo, 11L));

        probe.WaitForAssertion(() => Assert.Equal(1, probe.Instance.Reloads));
    }

    [Fact]
    public async Task Dispose_Component_EndsItsSubscriptions()
    {
        Render<FeedProbe>();
        Assert.Equal(1, feed.Subscribers);

        await DisposeComponentsAsync();

        Assert.Equal(0, feed.Subscribers);
    }

    [Fact]
    public async Task LiveReader_ValuesArriveWhileOneRenders_OnlyTheNewestOfThemIsHandled()
    {
        var reader = new ManualReader();
        var probe = Render<ReaderProbe>(p => p.Add(x => x.Reader, reader));
        var first = reader.PublishAsync(new Box(1));
        await probe.Instance.Entered.Task.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);

        await reader.PublishAsync(new Box(2));
        await reader.PublishAsync(new Box(3));
        probe.Instance.Release.SetResult();
        await first;

        probe.WaitForAssertion(() => Assert.Equal([1, 3], probe.Instance.Seen));
        probe.WaitForAssertion(() => Assert.Equal("3", probe.Find("#value").TextContent));
    }

    private static ChangeEntry Change(long id, string kind = ChangeKinds.CaseOpened, long? entityId = 7) =>
        new() { Id = id, Kind = kind, Entity = "case", EntityId = entityId, CommunityId = 1 };

    /// <summary>Follows the feed and renders its culture, a localised text and how often it reloaded.</summary>
    private sealed class FeedProbe : LiveComponentBase
    {
        [Parameter] public LiveFilter Filter { get; set; } = LiveFilter.Everything;

        [Parameter] public bool Fail { get; set; }

        [Parameter] public long? MoveFeedTo { get; set; }

        [Inject] public required IStringLocalizer<SharedResource> T { get; init; }

        public int Reloads { get; private set; }

        public int SubscribersDuringInitialisation { get; private set; } = -1;

        protected override void OnInitialized()
        {
            Live(Filter, () =>
            {
                Reloads++;
                return Fail ? Task.FromException(new InvalidOperationException("reload failed")) : Task.CompletedTask;
            });
            SubscribersDuringInitialisation = ((ManualLiveFeed)Feed).Subscribers;
            if (MoveFeedTo is { } id)
            {
                // A commit lands after the page's first read, before its first render.
                ((ManualLiveFeed)Feed).LastId = id;
            }
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "id", "out");
            builder.AddContent(2, $"{CultureInfo.CurrentUICulture.Name} {T["AppTitle"]} {Reloads}");
            builder.CloseElement();
        }
    }

    private sealed record Box(int Value);

    private sealed class ManualReader : ISharedReader<Box>
    {
        private Func<Box, Task>? listener;

        public Box? Current { get; private set; }

        public IDisposable Listen(Func<Box, Task> onValue)
        {
            listener = onValue;
            return new Unlisten(this);
        }

        public Task PublishAsync(Box value)
        {
            Current = value;
            return Task.Run(() => listener?.Invoke(value) ?? Task.CompletedTask);
        }

        private sealed class Unlisten(ManualReader owner) : IDisposable
        {
            public void Dispose() => owner.listener = null;
        }
    }

    private sealed class ReaderProbe : LiveComponentBase
    {
        private Box? value;

        [Parameter] public required ManualReader Reader { get; set; }

        public List<int> Seen { get; } = [];

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void OnInitialized() => Live(Reader, async next =>
        {
            Seen.Add(next.Value);
            if (next.Value == 1)
            {
                Entered.SetResult();
                await Release.Task;
            }

            value = next;
        });

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "id", "value");
            builder.AddContent(2, value?.Value);
            builder.CloseElement();
        }
    }
}
