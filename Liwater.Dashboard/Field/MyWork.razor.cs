using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Field;

/// <summary>
/// 「我的待办」 (/field): mine and my area's active cases by the next mark due, filtered by <see cref="WorkScope"/>, live
/// on every case change (an assignment by someone else shows within the feed's coalescing interval).
/// </summary>
public sealed partial class MyWork : LiveComponentBase
{
    // The case list's page limit: a steward's or a community's active queue is far below it.
    private const int MaxRows = 200;

    private IReadOnlyList<CaseRow> mine = [];
    private IReadOnlyList<CaseRow> area = [];
    private IReadOnlyList<WorkItem>? items;
    private WorkScope scope = WorkScope.All;
    private ActingUser actor = new();
    private int fresh;
    private int dueSoon;
    private int breached;
    private ITimer? tick;

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    /// <summary>Gets or sets <c>?scope=mine</c> or <c>?scope=area</c>: the filter to open with.</summary>
    [SupplyParameterFromQuery(Name = "scope")]
    public string? ScopeQuery { get; set; }

    [Inject]
    public required CaseQueries Queries { get; init; }

    [Inject]
    public required DeadlinePolicy Deadlines { get; init; }

    [Inject]
    public required FieldOptions Field { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required IStringLocalizer<FieldText> T { get; init; }

    [Inject]
    public required IStringLocalizer<CasesText> CaseT { get; init; }

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthenticationState).User.ToActingUser();
        scope = Enum.TryParse<WorkScope>(ScopeQuery, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : WorkScope.All;
        Live(LiveFilter.OfKinds(ChangeKinds.CaseChanges), ReloadAsync);
        await ReloadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // A mark comes due with no change to any row: recount the alerts from the rows every few seconds.
        if (firstRender && RendererInfo.IsInteractive)
        {
            tick = Clock.CreateTimer(_ => _ = InvokeAsync(() => { Recount(); StateHasChanged(); }), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        }
    }

    protected override void Dispose(bool disposing)
    {
        tick?.Dispose();
        base.Dispose(disposing);
    }

    private string ScopeName(WorkScope s) => s switch
    {
        WorkScope.Mine => T["ScopeMine"],
        WorkScope.Area => actor.Role == Roles.PropertySteward ? T["ScopeMyCompounds"] : actor.Role == Roles.CommunityStaff ? T["ScopeMyCommunity"] : T["ScopeEveryArea"],
        _ => T["ScopeAll"],
    };

    private int Count(WorkScope s) => WorkQueue.Build(mine, area, s, Deadlines, actor.Id).Count;

    private void SetScope(WorkScope s)
    {
        scope = s;
        Rebuild();
    }

    private void Rebuild()
    {
        items = WorkQueue.Build(mine, area, scope, Deadlines, actor.Id);
        Recount();
    }

    private void Recount()
    {
        var alerts = FieldAlerts.Count((items ?? []).Select(w => w.Case), Clock.GetUtcNow().ToUnixTimeMilliseconds(), Field.DueSoonMs);
        (fresh, dueSoon, breached) = (alerts.New, alerts.DueSoon, alerts.Breached);
    }

    private async Task ReloadAsync()
    {
        // The case list's own query and scope rules (a steward's compounds, staff's community), active, next mark first.
        var filter = new CaseFilter { ActiveOnly = true, SortBy = "due_at", Descending = false, PageSize = MaxRows };
        mine = actor.Id == 0 ? [] : (await Queries.ListAsync(actor, filter with { AssigneeId = actor.Id })).Items;
        area = (await Queries.ListAsync(actor, filter)).Items;
        Rebuild();
    }
}
