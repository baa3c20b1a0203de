using System.Globalization;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Data.Access;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using static Liwater.Dashboard.Components.Pages.Cases.CaseTableColumns;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>
/// One page of <see cref="CaseQueries.ListAsync"/> under the list's filters, with its sort and paging. A new filter
/// starts again at the first page; another clerk's save (or the watchdog) re-reads the page shown, and a page emptied
/// by it steps back to the last page that still has cases. The rows' deadline chips tick with the process's second
/// (<see cref="SecondTick"/>): the table re-renders when one of them changed.
/// </summary>
public sealed partial class CaseTable : LiveComponentBase
{
    private (CaseRow Row, DeadlineChip Chip)[] lines = [];
    private int total;
    private IDisposable? tick;
    private CaseFilter? applied;
    private string sortBy = "opened_at";
    private bool descending = true;
    private int pageIndex;
    private int pageSize = PageSizes[0];
    private int reads;
    private bool loading;

    /// <summary>Gets or sets who reads (the query confines community staff to their community).</summary>
    [Parameter, EditorRequired]
    public required ActingUser Actor { get; set; }

    /// <summary>Gets or sets the list's filters; its sort and page fields are this table's own and are ignored.</summary>
    [Parameter, EditorRequired]
    public required CaseFilter Filter { get; set; }

    /// <summary>Gets or sets whether the community column is shown (one community's staff would see one name on every row).</summary>
    [Parameter]
    public bool ShowCommunity { get; set; } = true;

    [Inject]
    public required CaseQueries Queries { get; init; }

    [Inject]
    public required CaseOptions Options { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required DeadlinePolicy Deadlines { get; init; }

    [Inject]
    public required IStringLocalizer<CasesText> T { get; init; }

    protected override void OnInitialized() =>
        Live(new LiveFilter(ChangeKinds.CaseChanges, Actor.CommunityId), ReadAsync);

    protected override async Task OnParametersSetAsync()
    {
        if (Filter != applied)
        {
            applied = Filter;
            pageIndex = 0;
            await ReadAsync();
        }
    }

    /// <summary>Reads the page shown. Reads overlap (a filter typed while a live change re-reads): the last one started wins.</summary>
    private async Task ReadAsync()
    {
        var read = ++reads;
        loading = true;
        var page = await Queries.ListAsync(Actor, (applied ?? Filter) with { SortBy = sortBy, Descending = descending, Page = pageIndex, PageSize = pageSize });
        if (read != reads)
        {
            return;
        }

        if (page.Items.Count == 0 && pageIndex > 0 && LastPage(page.Total) < pageIndex)
        {
            pageIndex = LastPage(page.Total);
            await ReadAsync();
            return;
        }

        total = page.Total;
        lines = [.. page.Items.Select(c => (c, Chip(c)))];
        loading = false;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            tick = SecondTick.Of(Clock.Clock).Subscribe(() => _ = InvokeAsync(Tick));
        }
    }

    protected override void Dispose(bool disposing)
    {
        tick?.Dispose();
        base.Dispose(disposing);
    }

    private DeadlineChip Chip(CaseRow c) => DeadlineChip.Of(c, Clock.Clock.GetUtcNow(), Deadlines, T);

    /// <summary>Most seconds change no chip (beyond an hour they show minutes): render only when one changed.</summary>
    private void Tick()
    {
        var changed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var chip = Chip(lines[i].Row);
            if (chip != lines[i].Chip)
            {
                lines[i].Chip = chip;
                changed = true;
            }
        }

        if (changed)
        {
            StateHasChanged();
        }
    }

    private int LastPage(int total) => Math.Max(0, (total - 1) / pageSize);

    private Task SortAsync(string key)
    {
        descending = key == sortBy && !descending;
        sortBy = key;
        pageIndex = 0;
        return ReadAsync();
    }

    private Task PageSizeAsync(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size))
        {
            pageSize = size;
            pageIndex = 0;
        }

        return ReadAsync();
    }

    private bool CanGo(Move move) => move is Move.First or Move.Previous ? pageIndex > 0 : pageIndex < LastPage(total);

    private Task GoAsync(Move move)
    {
        if (!CanGo(move))
        {
            return Task.CompletedTask;
        }

        pageIndex = move switch
        {
            Move.First => 0,
            Move.Previous => pageIndex - 1,
            Move.Next => pageIndex + 1,
            _ => LastPage(total),
        };
        return ReadAsync();
    }

    private string PageInfo()
    {
        var first = total == 0 ? 0 : (pageIndex * pageSize) + 1;
        var last = Math.Min(total, (pageIndex + 1) * pageSize);
        return string.Format(CultureInfo.CurrentCulture, T["PageInfo"], first, last, total);
    }

    private string? AriaSort(string key) => key != sortBy ? null : descending ? "descending" : "ascending";

    private string SortIconClass(string key) => key != sortBy ? "" : descending ? " mud-direction-desc" : " mud-direction-asc";
}
