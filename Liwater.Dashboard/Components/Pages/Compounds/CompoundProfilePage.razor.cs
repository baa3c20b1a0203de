using System.Globalization;
using Liwater.Data.Database;
using Liwater.Data.Territory;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Compounds;

public sealed partial class CompoundProfilePage
{
    private CompoundProfile? profile;
    private bool loading = true;

    /// <summary>Gets or sets the compound id from the route.</summary>
    [Parameter]
    public long Id { get; set; }

    [Inject]
    public required IStringLocalizer<CompoundsText> T { get; init; }

    [Inject]
    public required CompoundProfileQueries Profiles { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        profile = await Profiles.GetAsync(Id);
        loading = false;
    }

    private string PeriodLabel(ScoreRow score) =>
        score.Quarter == 0 ? T["YearEnd", score.Year] : T["Quarter", score.Year, score.Quarter.ToString(CultureInfo.InvariantCulture)];
}
