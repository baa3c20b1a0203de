using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Liwater.Data.Statistics;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>
/// The command-centre wall screen. It re-reads its figures when the change feed reports a commit (coalesced by the
/// feed), and every <see cref="ScreenOptions.RefreshSeconds"/> anyway because deadlines pass and days end without a
/// commit. Its script (Screen.razor.js) handles a lost link: stale banner, reconnect, reload.
/// </summary>
public sealed partial class Screen : IAsyncDisposable
{
    private readonly CancellationTokenSource disposing = new();
    private LiveScreenData? data;
    private Liwater.Data.Statistics.GovernanceFigures? figures;
    private MeetingScreenSummary? meeting;
    private GeoMap? geo;
    private string? geoError;
    private MapLayer layer;
    private DateTimeOffset? updatedAt;
    private bool refused;
    private IDisposable? subscription;
    private ITimer? refreshTimer;
    private ITimer? layerTimer;
    private IJSObjectReference? module;
    private int refreshing;
    private int again;

    // The town figures (Party grid, rates, stars) do not move with cases; re-read them only after another kind of
    // change or on the periodic refresh, not on every case commit (they cost more than all counters together).
    private int figuresStale = 1;

    [Inject] public required IStringLocalizer<ScreenText> T { get; init; }

    [Inject] public required LiveCounterQueries Counters { get; init; }

    [Inject] public required StatisticsQueries Statistics { get; init; }

    [Inject] public required ChangeFeed Feed { get; init; }

    [Inject] public required MeetingQueries Meetings { get; init; }

    [Inject] public required ScreenMapSource MapSource { get; init; }

    [Inject] public required IOptionsMonitor<ScreenOptions> Options { get; init; }

    [Inject] public required TownClock Clock { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ILogger<Screen> Logger { get; init; }

    /// <summary>Gets or sets the screen key from the address (<c>/screen?key=…</c>).</summary>
    [SupplyParameterFromQuery(Name = "key")]
    public string? Key { get; set; }

    private string StarsLabel => figures?.RatingYear is { } year ? string.Format(T["CounterStars"], year) : T["CounterStarsNone"];

    public async ValueTask DisposeAsync()
    {
        await disposing.CancelAsync();
        subscription?.Dispose();
        refreshTimer?.Dispose();
        layerTimer?.Dispose();
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone with the page; nothing to release in the browser.
            }
        }

        disposing.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        // The key middleware already refused a bad first request; this covers navigation inside a circuit.
        refused = !ScreenAccess.IsValid(Key, Options.CurrentValue.Keys);
        if (refused)
        {
            return;
        }

        (geo, geoError) = MapSource.Load();
        await LoadAsync();
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        // Every kind (meeting.changed included): almost any commit moves a counter, a tile, the ticker or the meeting
        // panel, and the feed coalesces bursts. Case changes leave the town's grid figures as they are.
        subscription = Feed.Subscribe(LiveFilter.Everything, changes =>
        {
            if (changes.Any(c => !ChangeKinds.CaseChanges.Contains(c.Kind)))
            {
                Volatile.Write(ref figuresStale, 1);
            }

            return InvokeAsync(RefreshAsync);
        });
        var options = Options.CurrentValue;
        var refresh = TimeSpan.FromSeconds(Math.Max(5, options.RefreshSeconds));
        refreshTimer = Clock.Clock.CreateTimer(_ =>
        {
            Volatile.Write(ref figuresStale, 1);
            _ = InvokeAsync(RefreshAsync);
        }, null, refresh, refresh);
        var rotation = TimeSpan.FromSeconds(Math.Max(3, options.LayerRotationSeconds));
        layerTimer = Clock.Clock.CreateTimer(_ => _ = InvokeAsync(NextLayer), null, rotation, rotation);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && !refused && RendererInfo.IsInteractive)
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/BigScreen/Screen.razor.js");
            await module.InvokeVoidAsync("start", 10_000);
        }
    }

    private async Task LoadAsync()
    {
        var options = Options.CurrentValue;
        var token = disposing.Token;
        if (Interlocked.Exchange(ref figuresStale, 0) == 1 || figures is null)
        {
            try
            {
                figures = await Statistics.GetFiguresAsync(StatisticsScope.Town, token);
            }
            catch
            {
                Volatile.Write(ref figuresStale, 1);
                throw;
            }
        }

        data = await Counters.GetAsync(TimeSpan.FromHours(options.DueSoonHours), options.TickerSize, token);
        meeting = await Meetings.GetScreenSummaryAsync(token);
        updatedAt = Clock.Now;
    }

    private async Task RefreshAsync()
    {
        // One read at a time; a change that arrives during a read makes the reader go round once more.
        if (Interlocked.Exchange(ref refreshing, 1) == 1)
        {
            Volatile.Write(ref again, 1);
            return;
        }

        try
        {
            do
            {
                Volatile.Write(ref again, 0);
                if (disposing.IsCancellationRequested)
                {
                    return;
                }

                (geo, geoError) = MapSource.Load();
                await LoadAsync();
                StateHasChanged();
            }
            while (Volatile.Read(ref again) == 1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keep the last figures; "更新于" stops moving, which shows their age, and the next tick tries again.
            Logger.LogWarning(e, "The screen could not re-read its figures");
        }
        catch (OperationCanceledException) when (disposing.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref refreshing, 0);
        }
    }

    private void NextLayer()
    {
        layer = (MapLayer)(((int)layer + 1) % Enum.GetValues<MapLayer>().Length);
        StateHasChanged();
    }

    private string TickerText(TickerEvent item)
    {
        var what = item.Summary is { Length: > 0 } summary
            ? summary
            : string.Format(T[item.Entity == "case" ? "Entity.case" : "Entity.other"], item.EntityId);
        return $"{item.CommunityName ?? T["Town"]} · {what}";
    }
}
