using System.Globalization;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Statistics;
using Liwater.Data.Territory;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Compounds;

/// <summary>
/// One compound's profile, live: a change in its community (a case, an activity, a council step or vote, a score or
/// a published rating, which belongs to no community) re-reads this one compound.
/// </summary>
public sealed partial class CompoundProfilePage : LiveComponentBase
{
    private static readonly string[] LiveKinds =
    [
        .. ChangeKinds.CaseChanges, ChangeKinds.ActivityLogged, ChangeKinds.VolunteerChanged, ChangeKinds.CouncilChanged,
        ChangeKinds.MotionClosed, ChangeKinds.ScoreRecorded, ChangeKinds.RatingPublished,
    ];

    private const int TrendDays = 30;

    private CompoundProfile? profile;
    private IReadOnlyList<SnapshotDay> trend = [];
    private List<ChartSeries<double>> trendSeries = [];
    private string[] trendLabels = [];
    private bool loading = true;
    private ActingUser actor = new();
    private IDisposable? live;
    private long liveCommunity;

    /// <summary>Gets or sets the compound id from the route.</summary>
    [Parameter]
    public long Id { get; set; }

    [Inject]
    public required IStringLocalizer<CompoundsText> T { get; init; }

    [Inject]
    public required CompoundProfileQueries Profiles { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required SnapshotQueries Snapshots { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override void OnInitialized() =>
        // The snapshot job records every compound each minute and after bursts; its entry moves only the trend.
        Live(LiveFilter.OfKinds(ChangeKinds.StatisticsUpdated), LoadTrendAsync);

    protected override async Task OnParametersSetAsync()
    {
        actor = await AuthenticationState.ActorAsync();
        loading = true;
        profile = await Profiles.GetAsync(actor, Id);
        await LoadTrendAsync();
        loading = false;
        Follow();
    }

    private async Task LoadTrendAsync()
    {
        trend = profile is null ? [] : await Snapshots.DailyAsync(SnapshotScopes.Compound, profile.Compound.Id, TrendDays);
        trendLabels = [.. trend.Select(d => d.Day[5..])];
        trendSeries =
        [
            new ChartSeries<double> { Name = T["TrendOpen"], Data = trend.Select(d => (double)d.OpenCases).ToArray() },
            new ChartSeries<double> { Name = T["TrendResolved"], Data = trend.Select(d => (double)d.ResolvedToday).ToArray() },
        ];
    }

    private async Task ReloadAsync()
    {
        profile = await Profiles.GetAsync(actor, Id);
        Follow();
    }

    /// <summary>Follows the community of the compound shown (a route change may move to another community).</summary>
    private void Follow()
    {
        if (profile is null)
        {
            // No such compound: nothing to follow.
            live?.Dispose();
            live = null;
            return;
        }

        var community = profile.Compound.CommunityId;
        if (live is not null && community == liveCommunity)
        {
            return;
        }

        live?.Dispose();
        liveCommunity = community;
        live = Live(LiveFilter.OfKinds(LiveKinds) with { CommunityId = community }, ReloadAsync);
    }

    private string PeriodLabel(ScoreRow score) =>
        score.Quarter == 0 ? T["YearEnd", score.Year] : T["Quarter", score.Year, score.Quarter.ToString(CultureInfo.InvariantCulture)];
}
