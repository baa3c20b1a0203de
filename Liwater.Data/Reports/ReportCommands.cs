using System.Globalization;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Reports;

/// <summary>
/// Publishes a prepared period report on the change log (<see cref="ChangeKinds.ReportPublished"/>, so the wall's
/// ticker shows it). The figures themselves are always counted from rows when read; what is published is the
/// announcement with the headline figures. Publishing a period twice changes nothing the second time.
/// </summary>
public sealed class ReportCommands(Db db, PeriodReportQueries reports)
{
    public const string Entity = "report_period";

    /// <summary>Prepares the town report of <paramref name="period"/> and announces it once; false if already announced.</summary>
    public async Task<bool> PublishAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        var report = await reports.GetAsync(period, null, cancellationToken);
        var id = PeriodId(period);
        return await db.WriteAsync(async (connection, transaction) =>
        {
            // The check and the append share the write transaction (BEGIN IMMEDIATE), so two runs cannot both append.
            var published = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM change_log WHERE kind = @kind AND entity = @entity AND entity_id = @id",
                new { kind = ChangeKinds.ReportPublished, entity = Entity, id },
                transaction);
            if (published > 0)
            {
                return false;
            }

            await ChangeLog.AppendAsync(connection, transaction, db.NowMs, ChangeKinds.ReportPublished, Entity, id, null, Summary(report));
            return true;
        }, cancellationToken);
    }

    /// <summary>The period as a number on the change log: 202611 for a month, 2026904 for Q4 2026, 20261130 for a day.</summary>
    public static long PeriodId(ReportPeriod period) => period.Kind switch
    {
        ReportPeriodKind.Month => (period.First.Year * 100L) + period.First.Month,
        ReportPeriodKind.Quarter => (period.First.Year * 1000L) + 900 + ((period.First.Month - 1) / 3) + 1,
        ReportPeriodKind.Year => period.First.Year,
        _ => long.Parse(period.First.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };

    /// <summary>The ticker line as a code with arguments (worded by the UI): the period and its headline figures.</summary>
    public static DataError Summary(PeriodReport report)
    {
        var p = report.Period;
        var name = p.Kind == ReportPeriodKind.Quarter
            ? new DataError(ChangeSummaries.QuarterWord, p.First.Year, ((p.First.Month - 1) / 3) + 1)
            : new DataError(ChangeSummaries.MonthWord, p.First.Year, p.First.Month);
        if (report.IsEmpty)
        {
            return new DataError(ChangeSummaries.ReportPublishedEmpty, name);
        }

        var t = report.Total;
        object sla = t.SlaOverall.Rate is { } rate ? Math.Round(rate, 4) : new DataError(ChangeSummaries.NoData);
        return new DataError(ChangeSummaries.ReportPublished, name, t.Totals.Opened, t.Totals.Resolved, sla, Math.Round(t.VolunteerHours, 1));
    }
}
