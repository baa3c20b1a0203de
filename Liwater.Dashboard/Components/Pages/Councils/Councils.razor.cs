using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Localization;
using Liwater.Data.Cases;
using Liwater.Dashboard.Auth;
using Liwater.Data.Changes;
using Liwater.Data.Councils;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Councils;

public sealed partial class Councils : LiveComponentBase
{
    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthenticationState { get; set; }

    private ActingUser actor = new();

    // Changes made elsewhere (another clerk, a job) re-read the page.
    private static readonly string[] LiveKinds = [ChangeKinds.CouncilChanged, ChangeKinds.MotionClosed];

    private IReadOnlyList<CouncilSummary>? councils;
    private CouncilDetail? detail;
    private DateTime? stepDate;
    private string? stepError;

    /// <summary>Gets or sets the council shown; the first one when not given.</summary>
    [Parameter] public long? CouncilId { get; set; }

    [Inject]
    public required CouncilQueries Queries { get; init; }

    [Inject]
    public required CouncilCommands Commands { get; init; }

    [Inject]
    public required CouncilOptions Options { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IStringLocalizer<CouncilText> T { get; init; }

    [Inject]
    public required IStringLocalizer<DataErrorText> E { get; init; }

    // Decided once per page: an AuthorizeView around stateful forms would re-create them on every re-render.
    private bool CanRecord => detail is not null && CouncilCommands.CanRecord(actor, detail.Council.CommunityId);

    protected override void OnInitialized() => Live(LiveFilter.OfKinds(LiveKinds), ReloadAsync);

    protected override async Task OnParametersSetAsync()
    {
        actor = await AuthenticationState.ActorAsync();
        stepDate ??= Clock.Today.ToDateTime(TimeOnly.MinValue);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        councils = await Queries.ListAsync();
        var id = CouncilId ?? (councils.Count > 0 ? councils[0].Id : null);
        detail = id is { } councilId ? await Queries.GetAsync(councilId) : null;
    }

    private void SelectAsync(long id)
    {
        if (id != 0 && id != detail?.Council.Id)
        {
            Navigation.NavigateTo($"/councils/{id}");
        }
    }

    private async Task RecordStepAsync()
    {
        stepError = null;
        if (detail is null || stepDate is not { } date)
        {
            return;
        }

        try
        {
            await Commands.RecordStepAsync(actor, detail.Council.Id, detail.Steps.Count + 1, DateOnly.FromDateTime(date), null);
            await ReloadAsync();
        }
        catch (CouncilRefusedException e)
        {
            stepError = E.Text(e.Error);
        }
    }
}
