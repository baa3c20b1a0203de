using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Localization;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Liwater.Data.Statistics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>
/// The command-centre wall screen. Its figures come from <see cref="ScreenState"/>, which reads once per burst of
/// changes for every open screen and again every <see cref="ScreenOptions.RefreshSeconds"/>; this circuit only
/// renders the shared snapshot. Its script (Screen.razor.js) handles a lost link: stale banner, reconnect, reload.
/// </summary>
public sealed partial class Screen : LiveComponentBase, IAsyncDisposable
{
    private ScreenSnapshot? snapshot;
    private MapLayer layer;
    private bool refused;
    private ITimer? layerTimer;
    private IJSObjectReference? module;

    [Inject] public required IStringLocalizer<ScreenText> T { get; init; }

    [Inject] public required IStringLocalizer<DataErrorText> Words { get; init; }

    [Inject] public required ScreenState State { get; init; }

    [Inject] public required IOptionsMonitor<ScreenOptions> Options { get; init; }

    [Inject] public required TownClock Clock { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ILogger<Screen> Logger { get; init; }

    [Inject] public required AuthenticationStateProvider Authentication { get; init; }

    /// <summary>Gets or sets the screen key from the address (<c>/screen?key=…</c>).</summary>
    [SupplyParameterFromQuery(Name = "key")]
    public string? Key { get; set; }

    private LiveScreenData? ScreenData => snapshot?.Data;

    private GovernanceFigures? Figures => snapshot?.Figures;

    private MeetingScreenSummary? CurrentMeeting => snapshot?.Meeting;

    private GeoMap? Geo => snapshot?.Geo;

    private string? GeoError => snapshot?.GeoError?.Text(T);

    private DateTimeOffset? UpdatedAt => snapshot?.ReadAt;

    private string StarsLabel => Figures?.RatingYear is { } year ? string.Format(T["CounterStars"], year) : T["CounterStarsNone"];

    public async ValueTask DisposeAsync()
    {
        Dispose();
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
    }

    protected override async Task OnInitializedAsync()
    {
        // The key middleware already refused a bad first request; this covers navigation inside a circuit.
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        refused = !ScreenAccess.MayOpenScreen(user, Key, Options.CurrentValue.Keys);
        if (refused)
        {
            return;
        }

        snapshot = await State.GetAsync();
        Live(State, next =>
        {
            snapshot = next;
            return Task.CompletedTask;
        });
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        var rotation = TimeSpan.FromSeconds(Math.Max(3, Options.CurrentValue.LayerRotationSeconds));
        layerTimer = Clock.Clock.CreateTimer(_ => _ = InvokeAsync(NextLayer), null, rotation, rotation);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && !refused && RendererInfo.IsInteractive)
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/BigScreen/Screen.razor.js");
            await module.InvokeVoidAsync("start", ScreenHeartbeat.StaleMilliseconds, ScreenHeartbeat.BeatMilliseconds);
        }
    }

    private void NextLayer()
    {
        layer = (MapLayer)(((int)layer + 1) % Enum.GetValues<MapLayer>().Length);
        StateHasChanged();
    }

    private string TickerText(TickerEvent item) =>
        Words.Summary(item.Summary) is { Length: > 0 } summary
            ? summary
            : string.Format(T[item.Entity == "case" ? "Entity.case" : "Entity.other"], item.EntityId);
}
