using Liwater.Dashboard.Components.Pages.Reports;
using Liwater.Data.Reports;
using MiniExcelLibs;

namespace Liwater.Dashboard.Reports;

/// <summary>The period report as an .xlsx workbook: the same figures as the page, one sheet per table, in the UI language.</summary>
public static class ReportWorkbook
{
    public static async Task WriteAsync(Stream stream, PeriodReport report, ReportFormat format, CancellationToken cancellationToken = default)
    {
        var t = format.T;
        var total = report.Total;
        string Figure() => t["Figure"];
        string Value() => t["Value"];
        var summary = new List<Dictionary<string, object?>>
        {
            Row(Figure(), t["Period"], Value(), format.PeriodName(report.Period)),
            Row(Figure(), t["Scope"], Value(), total.Name.Length > 0 ? total.Name : t["Town"]),
            Row(Figure(), t["Opened"], Value(), total.Totals.Opened),
            Row(Figure(), t["Resolved"], Value(), total.Totals.Resolved),
            Row(Figure(), t["Closed"], Value(), total.Totals.Closed),
            Row(Figure(), t["Cancelled"], Value(), total.Totals.Cancelled),
            Row(Figure(), t["SlaOverall"], Value(), format.Rate(total.SlaOverall)),
            Row(Figure(), t["ReplyTime"], Value(), format.Durations(total.TimeToReply)),
            Row(Figure(), t["ResultTime"], Value(), format.Durations(total.TimeToResult)),
            Row(Figure(), t["Escalations"], Value(), $"{total.EscalationsUp} / {total.ReturnsDown}"),
            Row(Figure(), t["EscalatedPastCompound"], Value(), total.EscalatedPastCompound),
            Row(Figure(), t["Consultations"], Value(), total.ConsultationRounds),
            Row(Figure(), t["Satisfaction"], Value(), format.Rate(total.Satisfaction)),
            Row(Figure(), t["Reopen"], Value(), format.Rate(total.Reopen)),
            Row(Figure(), t["Volunteering"], Value(), format.Volunteering(total)),
            Row(Figure(), t["Motions"], Value(), format.Motions(total.Motions)),
        };
        var sheets = new Dictionary<string, object>
        {
            [t["Sheet_Summary"]] = summary,
            [t["Sheet_Categories"]] = total.ByCategory.Select(c => Counts(format, t["Category"], format.Category(c.Key), c.Counts)).ToList(),
            [t["Sheet_Levels"]] = total.ByLevel.Select(l => Counts(format, t["Level"], format.Level(l.Key), l.Counts)).ToList(),
            [t["Sheet_Sla"]] = total.Sla.Select(s => new Dictionary<string, object?>
            {
                [t["Mark"]] = format.Mark(s.Mark, s.Level),
                [t["Due"]] = s.Due,
                [t["Met"]] = s.Met,
                [t["Breached"]] = s.Breached,
                [t["Rate"]] = format.Rate(s.Rate),
            }).ToList(),
            [t["Sheet_Communities"]] = report.Communities.Select(c => new Dictionary<string, object?>
            {
                [t["Community"]] = c.Name,
                [t["Opened"]] = c.Totals.Opened,
                [t["Resolved"]] = c.Totals.Resolved,
                [t["Closed"]] = c.Totals.Closed,
                [t["Cancelled"]] = c.Totals.Cancelled,
                [t["SlaOverall"]] = format.Rate(c.SlaOverall.Rate),
                [t["Escalations"]] = $"{c.EscalationsUp} / {c.ReturnsDown}",
                [t["Satisfaction"]] = format.Rate(c.Satisfaction.Rate),
                [t["Reopen"]] = format.Rate(c.Reopen.Rate),
                [t["Volunteering"]] = format.Volunteering(c),
            }).ToList(),
        };
        await stream.SaveAsAsync(sheets, cancellationToken: cancellationToken);
    }

    private static Dictionary<string, object?> Row(string keyHeader, string key, string valueHeader, object value) =>
        new() { [keyHeader] = key, [valueHeader] = value };

    private static Dictionary<string, object?> Counts(ReportFormat format, string keyHeader, string key, CaseCounts counts) => new()
    {
        [keyHeader] = key,
        [format.T["Opened"]] = counts.Opened,
        [format.T["Resolved"]] = counts.Resolved,
        [format.T["Closed"]] = counts.Closed,
        [format.T["Cancelled"]] = counts.Cancelled,
    };
}
