using Liwater.Data.Statistics;
using Liwater.Data.Territory;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Overview;

public sealed partial class Overview
{
    private GovernanceFigures? figures;
    private IReadOnlyList<CompoundOverview>? compounds;

    [Inject]
    public required IStringLocalizer<SharedResource> T { get; init; }

    [Inject]
    public required StatisticsQueries Statistics { get; init; }

    [Inject]
    public required TerritoryQueries Territory { get; init; }

    protected override async Task OnInitializedAsync()
    {
        figures = await Statistics.GetFiguresAsync(StatisticsScope.Town);
        compounds = await Territory.ListCompoundsAsync();
    }
}
