using System.Globalization;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Components.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Reports;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Reports;

/// <summary>
/// How the report page, its workbook and the service record word and format figures, in the UI culture. Level and
/// deadline-mark names are the case pages' (<see cref="CasesText"/>, one home); only the chart's short labels are the
/// report's own.
/// </summary>
public sealed class ReportFormat(IStringLocalizer<ReportText> text, IStringLocalizer<CasesText> cases, CaseOptions caseOptions)
{
    public IStringLocalizer<ReportText> T => text;

    public string PeriodName(ReportPeriod period) => period.Kind switch
    {
        ReportPeriodKind.Quarter => string.Format(CultureInfo.InvariantCulture, text["QuarterLabel"], period.First.Year, ((period.First.Month - 1) / 3) + 1),
        ReportPeriodKind.Month => string.Format(CultureInfo.InvariantCulture, text["MonthLabel"], period.First.Year, period.First.Month),
        ReportPeriodKind.Year => string.Format(CultureInfo.InvariantCulture, text["YearLabel"], period.First.Year),
        _ => TownIso(period.First),
    };

    public string Rate(double? rate) => rate is { } r ? FigureFormat.Percent(r) : text["NoData"];

    public string Rate(PartOf part) => part.Rate is { } r ? $"{FigureFormat.Percent(r)} ({part.Part}/{part.Whole})" : text["NoData"];

    public string Durations(DurationFigure d) => d.MedianMs is { } median && d.P90Ms is { } p90
        ? $"{CaseDisplay.Duration(cases, median)} / {CaseDisplay.Duration(cases, p90)}"
        : text["NoData"];

    public string Mark(string mark, string level) => mark switch
    {
        DeadlinePolicy.LevelMark => string.Format(CultureInfo.CurrentCulture, cases["Mark_" + mark], Level(level)),
        DeadlinePolicy.AssignedMark => $"{cases["Mark_" + mark]} · {Level(level)}",
        _ => cases["Mark_" + mark].Value,
    };

    /// <summary>A mark in a few characters, for chart axes: 回复, 小区级时限, …</summary>
    public string MarkShort(string mark, string level) => mark is DeadlinePolicy.LevelMark or DeadlinePolicy.AssignedMark
        ? $"{Level(level)}{text["Short_" + mark]}"
        : text["Short_" + mark].Value;

    public string Level(string level) => cases["Level_" + level];

    public string Category(string code) => CaseDisplay.Name(caseOptions.EffectiveCategories, code);

    public string Motions(MotionCounts m) => $"{m.Raised} / {m.Passed} / {m.Rejected} / {m.NoQuorum}";

    public string Volunteering(ScopeReport r) => $"{FigureFormat.Hours(r.VolunteerHours)} / {FigureFormat.Count(r.VolunteerActivities)}";

    private static string TownIso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
