using Liwater.Dashboard.Auth;
using Liwater.Data.Cases;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>
/// The case list: the filters over <see cref="CaseTable"/>, which reads, sorts and pages on the server
/// (<see cref="CaseQueries.ListAsync"/> itself confines community staff to their community). "Town-level queue" shows
/// active cases at the joint meeting.
/// </summary>
public sealed partial class CaseList : ComponentBase
{
    private ActingUser actor = new();
    private IReadOnlyList<CompoundRef> compounds = [];
    private long? communityId;
    private long? compoundId;
    private string? level;
    private string? status;
    private string? category;
    private bool overdue;
    private string? text;
    private bool townQueue;
    private bool filtersOpen;
    private Filter? open;

    /// <summary>The filter selects; one at most is open, and only it renders its items.</summary>
    private enum Filter
    {
        Community,
        Compound,
        Level,
        Status,
        Category,
    }

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    /// <summary>Gets or sets <c>?queue=town</c>: open the town-level queue (the chair's default).</summary>
    [SupplyParameterFromQuery]
    public string? Queue { get; set; }

    [Inject]
    public required CaseQueries Queries { get; init; }

    [Inject]
    public required CaseOptions Options { get; init; }

    [Inject]
    public required IStringLocalizer<CasesText> T { get; init; }

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthenticationState).User.ToActingUser();
        townQueue = Queue == "town" || (Queue is null && actor.Role == Roles.Chair);
        compounds = await Queries.ListCompoundsAsync(actor);
    }

    /// <summary>The filters as the page shows them (the export writes exactly these, every page).</summary>
    private CaseFilter CurrentFilter() => new()
    {
        CommunityId = communityId,
        CompoundId = compoundId,
        Level = townQueue ? CaseLevels.Town : level,
        Status = status,
        ActiveOnly = townQueue && status is null,
        Category = category,
        OverdueOnly = overdue,
        Text = text,
    };

    /// <summary>How many filters are set (shown on the phone's folded filter button).</summary>
    private int ActiveFilters() =>
        new object?[] { communityId, compoundId, level, status, category, string.IsNullOrWhiteSpace(text) ? null : text }.Count(x => x is not null) + (overdue ? 1 : 0);

    private void Opened(Filter filter, bool isOpen) => open = isOpen ? filter : open == filter ? null : open;

    private string? CommunityName(long? id) => id is null ? null : compounds.FirstOrDefault(c => c.CommunityId == id)?.CommunityName;

    private string? CompoundName(long? id) => id is null ? null : compounds.FirstOrDefault(c => c.Id == id)?.Name;

    private string? LevelName(string? code) => code is null ? null : T["Level_" + code].Value;

    private string? StatusName(string? code) => code is null ? null : T["Status_" + code].Value;

    private string? CategoryName(string? code) => code is null ? null : CaseDisplay.Name(Options.EffectiveCategories, code);

    private void SetQueue(bool town) => townQueue = town;
}
