using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>
/// What the case table shows, in order: each column's sort key (as <see cref="Liwater.Data.Cases.CaseQueries"/> names
/// it), its title's text key and its cell class (the phone card places cells by class, CaseTable.razor.css); the page
/// sizes and the pager's steps. Built once; the markup strings are shared by every circuit.
/// </summary>
internal static class CaseTableColumns
{
    public const string Community = "community";

    /// <summary>The columns, left to right. The rows in CaseTable.razor write their cells in this order.</summary>
    public static readonly IReadOnlyList<Column> All =
    [
        new("code", "Code", "cl-code"),
        new("title", "Title", "cl-title"),
        new(Community, "Community", "cl-community"),
        new("compound", "Compound", "cl-compound"),
        new("category", "Category", "cl-category"),
        new("level", "Level", "cl-level"),
        new("status", "Status", "cl-status"),
        new("assignee", "Assignee", "cl-assignee"),
        new("due_at", "Deadline", "cl-due"),
        new("opened_at", "OpenedAt", "cl-opened"),
    ];

    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    public static readonly IReadOnlyList<PagerStep> PagerSteps =
    [
        new(Move.First, "PageFirst", new MarkupString(Icons.Material.Filled.FirstPage)),
        new(Move.Previous, "PagePrevious", new MarkupString(Icons.Material.Filled.NavigateBefore)),
        new(Move.Next, "PageNext", new MarkupString(Icons.Material.Filled.NavigateNext)),
        new(Move.Last, "PageLast", new MarkupString(Icons.Material.Filled.LastPage)),
    ];

    /// <summary>The sort arrow; MudBlazor's table CSS turns it for a descending sort.</summary>
    public static readonly MarkupString ArrowUp = new(Icons.Material.Filled.ArrowUpward);

    internal enum Move
    {
        First,
        Previous,
        Next,
        Last,
    }

    /// <param name="Key">The sort key the query takes.</param>
    /// <param name="TitleKey">The header's text in CasesText.</param>
    /// <param name="Class">The cell class of the column.</param>
    internal sealed record Column(string Key, string TitleKey, string Class)
    {
        public string CellClass { get; } = "mud-table-cell " + Class;
    }

    internal sealed record PagerStep(Move Move, string LabelKey, MarkupString Icon);
}
