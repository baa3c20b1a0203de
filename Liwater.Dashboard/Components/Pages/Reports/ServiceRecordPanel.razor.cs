using Liwater.Data.Ratings;
using Liwater.Data.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Reports;

/// <summary>
/// The service record panel of /ratings. Reads when the period or the selected unit changes; the figures are the
/// period report's, per compound (<see cref="ServiceRecordQueries"/>).
/// </summary>
public sealed partial class ServiceRecordPanel
{
    private IReadOnlyList<ServiceRecord>? records;
    private IReadOnlyList<(AssessmentPeriod Period, ServiceRecord Record)>? history;
    private AssessmentPeriod? loadedPeriod;
    private long? loadedUnit;
    private ChecklistItem? computedItem;

    /// <summary>Gets or sets the assessment period shown (quarter 0 = the year). Null shows nothing yet.</summary>
    [Parameter]
    public AssessmentPeriod? Period { get; set; }

    /// <summary>Gets or sets the unit whose history is shown. Defaults to none.</summary>
    [Parameter]
    public long? UnitId { get; set; }

    [Inject]
    public required ServiceRecordQueries Queries { get; init; }

    [Inject]
    public required ReportFormat Format { get; init; }

    private IStringLocalizer<ReportText> T => Format.T;

    protected override async Task OnParametersSetAsync()
    {
        computedItem = Queries.ComputedItem;
        if (Period is { } period && period != loadedPeriod)
        {
            loadedPeriod = period;
            records = await Queries.ForPeriodAsync(period.Year, period.Quarter);
        }

        if (UnitId != loadedUnit && Period is { } around)
        {
            loadedUnit = UnitId;
            history = UnitId is { } unit ? await Queries.HistoryAsync(unit, PeriodsAround(around.Year)) : null;
        }
    }

    // The unit's quarters and years of the period's year and the year before.
    private static IEnumerable<AssessmentPeriod> PeriodsAround(int year) =>
        from y in new[] { year, year - 1 } from q in new[] { 0, 4, 3, 2, 1 } select new AssessmentPeriod(y, q);
}
