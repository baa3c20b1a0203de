using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>
/// The case list: server-side paging, sorting and filters over <see cref="CaseQueries.ListAsync"/> (which itself
/// confines community staff to their community). "Town-level queue" shows active cases at the joint meeting.
/// </summary>
public sealed partial class CaseList : LiveComponentBase
{
    private static readonly Dictionary<string, string> SortKeys = new(StringComparer.Ordinal)
    {
        [nameof(CaseRow.Code)] = "code",
        [nameof(CaseRow.Title)] = "title",
        [nameof(CaseRow.CommunityName)] = "community",
        [nameof(CaseRow.CompoundName)] = "compound",
        [nameof(CaseRow.Category)] = "category",
        [nameof(CaseRow.Level)] = "level",
        [nameof(CaseRow.Status)] = "status",
        [nameof(CaseRow.DueAt)] = "due_at",
        [nameof(CaseRow.OpenedAt)] = "opened_at",
        [nameof(CaseRow.AssigneeName)] = "assignee",
    };

    private MudDataGrid<CaseRow>? grid;
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
    public required DeadlinePolicy Deadlines { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IStringLocalizer<CasesText> T { get; init; }

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthenticationState).User.ToActingUser();
        townQueue = Queue == "town" || (Queue is null && actor.Role == Roles.Chair);
        compounds = await Queries.ListCompoundsAsync(actor);
        // Another clerk's save (or the watchdog) reloads the visible page; the feed coalesces bursts.
        Live(new LiveFilter(ChangeKinds.CaseChanges, actor.CommunityId), async () =>
        {
            if (grid is not null)
            {
                await grid.ReloadServerData();
            }
        });
    }

    private async Task<GridData<CaseRow>> LoadAsync(GridState<CaseRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await Queries.ListAsync(actor, CurrentFilter() with
        {
            SortBy = sort is null ? "opened_at" : SortKeys.GetValueOrDefault(sort.SortBy, "opened_at"),
            Descending = sort?.Descending ?? true,
            Page = state.Page,
            PageSize = state.PageSize,
        }, cancellationToken);
        return new GridData<CaseRow> { Items = page.Items, TotalItems = page.Total };
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

    private async Task FilterAsync(Action change)
    {
        change();
        if (grid is not null)
        {
            await grid.ReloadServerData();
        }
    }

    /// <summary>How many filters are set (shown on the phone's folded filter button).</summary>
    private int ActiveFilters() =>
        new object?[] { communityId, compoundId, level, status, category, string.IsNullOrWhiteSpace(text) ? null : text }.Count(x => x is not null) + (overdue ? 1 : 0);

    private void Opened(Filter filter, bool isOpen) => open = isOpen ? filter : open == filter ? null : open;

    private string? CommunityName(long? id) => id is null ? null : compounds.FirstOrDefault(c => c.CommunityId == id)?.CommunityName;

    private string? CompoundName(long? id) => id is null ? null : compounds.FirstOrDefault(c => c.Id == id)?.Name;

    private string? LevelName(string? code) => code is null ? null : T["Level_" + code].Value;

    private string? StatusName(string? code) => code is null ? null : T["Status_" + code].Value;

    private string? CategoryName(string? code) => code is null ? null : CaseDisplay.Name(Options.EffectiveCategories, code);

    private Task SetQueueAsync(bool town) => FilterAsync(() => townQueue = town);

    internal static Color StatusColor(string status) => status switch
    {
        CaseStatuses.Open => Color.Warning,
        CaseStatuses.InProgress => Color.Info,
        CaseStatuses.Resolved => Color.Success,
        CaseStatuses.Closed => Color.Default,
        _ => Color.Dark,
    };
}
