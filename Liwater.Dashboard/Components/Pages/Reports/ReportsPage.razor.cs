using System.Globalization;
using Liwater.Dashboard.Auth;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Reports;

/// <summary>
/// The period report (<c>/reports?period=2026-11&amp;community=2</c>): a month or quarter for the town or one
/// community, with charts, a print view for A4 and the same figures as an .xlsx workbook.
/// </summary>
public sealed partial class ReportsPage
{
    private ActingUser actor = new();
    private IReadOnlyList<ReportPeriod> choices = [];
    private IReadOnlyList<(long Id, string Name)> communities = [];
    private ReportPeriod? period;
    private string? message;
    private Severity messageSeverity = Severity.Info;
    private PeriodReport? report;
    private bool loading;
    private List<ChartSeries<double>> categorySeries = [];
    private string[] categoryLabels = [];
    private List<ChartSeries<double>> levelSeries = [];
    private string[] levelLabels = [];
    private List<ChartSeries<double>> slaSeries = [];
    private string[] slaLabels = [];

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Gets or sets the period code from the address (2026-11 or 2026-Q4). Defaults to the last finished month.</summary>
    [SupplyParameterFromQuery(Name = "period")]
    public string? PeriodCode { get; set; }

    /// <summary>
    /// Gets or sets the community from the address as typed; none, or anything but an id, means the whole town (a typed
    /// query parameter would throw on <c>?community=abc</c> while rendering).
    /// </summary>
    [SupplyParameterFromQuery(Name = "community")]
    public string? CommunityText { get; set; }

    private long? CommunityId => long.TryParse(CommunityText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    [Inject]
    public required PeriodReportQueries Queries { get; init; }

    [Inject]
    public required CaseQueries Cases { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ReportFormat Format { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    private IStringLocalizer<ReportText> T => Format.T;

    private bool Allowed => ReportAccess.CanRead(actor);

    private string ExportUrl => period is null ? "" :
        $"/reports/export?period={Uri.EscapeDataString(period.Code)}" + (Scope is { } c ? $"&community={c.ToString(CultureInfo.InvariantCulture)}" : "");

    private long? Scope => ReportAccess.Scope(actor, CommunityId);

    protected override async Task OnInitializedAsync()
    {
        actor = await AuthenticationState.ActorAsync();
        if (!Allowed)
        {
            return;
        }

        var today = Clock.Today;
        var months = Enumerable.Range(0, 24).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(-i)).Select(d => ReportPeriod.Month(d.Year, d.Month));
        var quarters = Enumerable.Range(0, 8).Select(i => new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).AddMonths(-3 * i))
            .Select(d => ReportPeriod.Quarter(d.Year, ((d.Month - 1) / 3) + 1));
        choices = [.. months, .. quarters];
        communities = (await Cases.ListCompoundsAsync(actor)).GroupBy(c => (c.CommunityId, c.CommunityName)).Select(g => g.Key).ToList();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!Allowed)
        {
            return;
        }

        report = null;
        message = null;
        period = PeriodCode is null ? ReportPeriod.MonthBefore(Clock.Today) : ReportPeriod.TryParse(PeriodCode);
        if (period is null)
        {
            (message, messageSeverity) = (string.Format(CultureInfo.InvariantCulture, T["BadPeriod"], PeriodCode), Severity.Warning);
            return;
        }

        if (period.IsFuture(Clock.Today))
        {
            (message, messageSeverity) = (string.Format(CultureInfo.InvariantCulture, T["FuturePeriod"], Format.PeriodName(period)), Severity.Warning);
            return;
        }

        loading = true;
        report = await Queries.GetAsync(period, Scope);
        loading = false;
        if (report.IsEmpty)
        {
            (message, messageSeverity) = (string.Format(CultureInfo.InvariantCulture, T["EmptyPeriod"], Format.PeriodName(period)), Severity.Info);
        }

        BuildCharts(report.Total);
    }

    private void BuildCharts(ScopeReport total)
    {
        categoryLabels = total.ByCategory.Select(c => Format.Category(c.Key)).ToArray();
        categorySeries =
        [
            new ChartSeries<double> { Name = T["Opened"], Data = total.ByCategory.Select(c => (double)c.Counts.Opened).ToArray() },
            new ChartSeries<double> { Name = T["Resolved"], Data = total.ByCategory.Select(c => (double)c.Counts.Resolved).ToArray() },
        ];
        levelLabels = total.ByLevel.Select(l => Format.Level(l.Key)).ToArray();
        levelSeries =
        [
            new ChartSeries<double> { Name = T["Opened"], Data = total.ByLevel.Select(l => (double)l.Counts.Opened).ToArray() },
            new ChartSeries<double> { Name = T["Resolved"], Data = total.ByLevel.Select(l => (double)l.Counts.Resolved).ToArray() },
        ];
        slaLabels = total.Sla.Select(s => Format.MarkShort(s.Mark, s.Level)).ToArray();
        slaSeries = [new ChartSeries<double> { Name = T["ChartRate"], Data = total.Sla.Select(s => Math.Round((s.Rate ?? 0) * 100, 1)).ToArray() }];
    }

    private void Go(string? code, long? community) =>
        Navigation.NavigateTo("/reports?period=" + Uri.EscapeDataString(code ?? "") + (community is { } c ? "&community=" + c.ToString(CultureInfo.InvariantCulture) : ""));

    // The browser's own print dialog; reports.css lays the page out for A4.
    private Task PrintAsync() => JS.InvokeVoidAsync("print").AsTask();

    private string Local(long ms) => Clock.ToLocal(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
