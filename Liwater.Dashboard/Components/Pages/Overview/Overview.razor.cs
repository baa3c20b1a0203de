using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Components.Shared;
using Liwater.Data.Statistics;
using Liwater.Data.Territory;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Overview;

/// <summary>
/// The town's figures and its compounds, live: it renders the wall's shared snapshot (<see cref="ScreenState"/>), so a
/// new case moves 在办诉求 here within the feed's window and an open overview costs no query of its own per change.
/// </summary>
public sealed partial class Overview : LiveComponentBase
{
    private GovernanceFigures? figures;
    private IReadOnlyList<CompoundOverview>? compounds;

    [Inject]
    public required IStringLocalizer<SharedResource> T { get; init; }

    [Inject]
    public required ScreenState State { get; init; }

    protected override async Task OnInitializedAsync()
    {
        Show(await State.GetAsync());
        Live(State, snapshot =>
        {
            Show(snapshot);
            return Task.CompletedTask;
        });
    }

    private void Show(ScreenSnapshot snapshot) => (figures, compounds) = (snapshot.Figures, snapshot.Compounds);
}
