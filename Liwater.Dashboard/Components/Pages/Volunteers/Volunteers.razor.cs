using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Localization;
using Liwater.Dashboard.Auth;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Territory;
using Liwater.Data.Volunteers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Volunteers;

public sealed partial class Volunteers : LiveComponentBase
{
    // Changes made elsewhere (another clerk, a job) re-read the page.
    private static readonly string[] LiveKinds = [ChangeKinds.ActivityLogged, ChangeKinds.VolunteerChanged];

    private const int MaxActivities = 100;
    private const int MonthsShown = 6;

    private IReadOnlyList<CompoundOverview>? compounds;
    private IReadOnlyList<VolunteerTeam>? teams;
    private IReadOnlyList<VolunteerActivity> activities = [];
    private IReadOnlyList<MonthlyHours> monthly = [];
    private IReadOnlyList<Volunteer>? members;
    private long? membersOf;
    private long? compoundId;
    private double thisMonthHours;
    private long practicalThisYear;
    private int tab;

    [Inject]
    public required VolunteerQueries Queries { get; init; }

    [Inject]
    public required TerritoryQueries Territory { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required IStringLocalizer<VolunteerText> T { get; init; }

    [Inject]
    public required IStringLocalizer<DataErrorText> Words { get; init; }

    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthenticationState { get; set; }

    // Decided once per page: an AuthorizeView around the stateful import panel would re-create it (losing its report)
    // whenever the page re-renders after a change.
    private bool canRecord;

    protected override async Task OnInitializedAsync()
    {
        Live(LiveFilter.OfKinds(LiveKinds), ReloadAsync);
        canRecord = VolunteerCommands.CanRecordAny(await AuthenticationState.ActorAsync());
        compounds = await Territory.ListCompoundsAsync();
        await ReloadAsync();
    }

    private async Task CompoundChangedAsync(long? value)
    {
        compoundId = value;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var today = Clock.Today;
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        teams = await Queries.ListTeamsAsync(compoundId);
        activities = await Queries.ListActivitiesAsync(compoundId, MaxActivities);
        monthly = await Queries.MonthlyHoursAsync(monthStart.AddMonths(-(MonthsShown - 1)), today, compoundId);
        thisMonthHours = monthly.Where(m => m.Month == monthStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).Sum(m => m.VolunteerHours);
        practicalThisYear = (await Queries.MonthlyHoursAsync(new DateOnly(today.Year, 1, 1), today, compoundId)).Sum(m => m.PracticalThings);
    }

    private int TeamCount(string kind) => teams?.Count(t => t.Kind == kind) ?? 0;

    private async Task ShowMembersAsync(long teamId)
    {
        membersOf = teamId;
        members = await Queries.ListMembersAsync(teamId);
    }
}
