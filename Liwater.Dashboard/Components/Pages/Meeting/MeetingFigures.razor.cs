using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Data.Statistics;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Components.Pages.Meeting;

/// <summary>
/// The big screen's own snapshot (<see cref="ScreenState"/>, the shared reader of decision 62) and formatting
/// (<see cref="FigureFormat"/>), so the room and the wall never disagree and an open meeting page costs no query of
/// its own per change. A community shows the figures that exist per community: its open cases by level, overdue cases
/// and volunteer hours from the screen's per-compound rows, and its Party-grid figures, read once per figures read
/// for every panel.
/// </summary>
public sealed partial class MeetingFigures : LiveComponentBase
{
    private LiveScreenData? data;
    private GovernanceFigures? figures;
    private long communityId;

    [Inject] public required ScreenState State { get; init; }

    [Inject] public required IStringLocalizer<MeetingText> T { get; init; }

    protected override async Task OnInitializedAsync()
    {
        data = (await State.GetAsync()).Data;
        figures = await State.GetFiguresAsync(Scope);
        Live(State, async snapshot =>
        {
            data = snapshot.Data;
            figures = await State.GetFiguresAsync(Scope);
        });
    }

    private long? Scope => communityId == 0 ? null : communityId;

    private async Task ScopeChangedAsync(long id)
    {
        communityId = id;
        figures = await State.GetFiguresAsync(Scope);
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
