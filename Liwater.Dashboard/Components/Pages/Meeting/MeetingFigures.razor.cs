using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Data.Statistics;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Components.Pages.Meeting;

/// <summary>
/// The same queries and formatting as the big screen (<see cref="LiveCounterQueries"/>, <see cref="StatisticsQueries"/>,
/// <see cref="FigureFormat"/>), so the room and the wall never disagree. A community shows the figures that exist per
/// community: its open cases by level, overdue cases and volunteer hours from the screen's per-compound rows, and its
/// Party-grid figures from <see cref="StatisticsScope.Community"/>.
/// </summary>
public sealed partial class MeetingFigures : LiveComponentBase
{
    private LiveScreenData? data;
    private GovernanceFigures? figures;
    private long communityId;

    [Inject] public required LiveCounterQueries Counters { get; init; }

    [Inject] public required StatisticsQueries Statistics { get; init; }

    [Inject] public required IOptionsMonitor<ScreenOptions> Options { get; init; }

    [Inject] public required IStringLocalizer<MeetingText> T { get; init; }

    protected override async Task OnInitializedAsync()
    {
        Live(LiveFilter.Everything, LoadAsync);
        await LoadAsync();
    }

    private async Task ScopeChangedAsync(long id)
    {
        communityId = id;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var options = Options.CurrentValue;
        data = await Counters.GetAsync(TimeSpan.FromHours(options.DueSoonHours), 1);
        figures = await Statistics.GetFiguresAsync(communityId == 0 ? StatisticsScope.Town : StatisticsScope.Community(communityId));
    }

    private IEnumerable<(string Key, string Label, string Value, string? Detail)> Tiles()
    {
        var f = figures!;
        var open = f.OpenCases;
        yield return ("open-cases", T["OpenCases"], FigureFormat.Count(open.Total), string.Format(T["OpenDetail"], open.Compound, open.Community, open.Town));
        if (communityId == 0)
        {
            var c = data!.Counters;
            yield return ("breaches-today", T["BreachesToday"], FigureFormat.Count(c.BreachesToday), null);
            yield return ("overdue-now", T["OverdueNow"], FigureFormat.Count(c.OverdueNow), null);
            yield return ("resolved-today", T["ResolvedToday"], FigureFormat.Count(c.ResolvedToday), null);
            yield return ("hours-today", T["HoursToday"], FigureFormat.Hours(c.VolunteerHoursToday), null);
            yield return ("hours-month", T["HoursMonth"], FigureFormat.Hours(c.VolunteerHoursMonth), null);
        }
        else
        {
            var compounds = data!.Compounds.Where(x => x.CommunityId == communityId).ToList();
            yield return ("overdue-now", T["OverdueNow"], FigureFormat.Count(compounds.Sum(x => x.OverdueCases)), null);
            yield return ("hours-month", T["HoursMonth"], FigureFormat.Hours(compounds.Sum(x => x.VolunteerHoursMonth)), null);
        }

        yield return ("stars", T["FiveStar"], FigureFormat.Count(f.Stars.FiveStar), null);
        yield return ("branches", T["Branches"], FigureFormat.Count(f.Grid.CompoundBranches), null);
        yield return ("standalone", T["Standalone"], FigureFormat.Percent(f.StandaloneRate), null);
        yield return ("coverage", T["Coverage"], FigureFormat.Percent(f.CoverageRate), null);
        yield return ("grids", T["CompleteGrids"], FigureFormat.Count(f.Grid.CompleteGrids), null);
        yield return ("contacted", T["Contacted"], FigureFormat.Count(f.Grid.HouseholdsContacted), null);
        yield return ("stations", T["Stations"], FigureFormat.Count(f.Grid.ServiceStations), null);
    }
}
