using Dapper;
using Liwater.Data.Database;
using Liwater.Data.Ratings;

namespace Liwater.Data.Reports;

/// <summary>One assessment unit's service record in a period, from its compound's case rows.</summary>
public sealed record ServiceRecord(long UnitId, long CompoundId, string CompoundName, string CompanyName, ScopeReport Record, double? ComputedItemPoints)
{
    public PartOf Sla => Record.SlaOverall;

    public PartOf Reopen => Record.Reopen;

    public PartOf Dissatisfaction => Record.Dissatisfaction;

    public long EscalatedPastCompound => Record.EscalatedPastCompound;
}

/// <summary>
/// The property units' service record (服务记录): for each assessment unit and period, deadlines met, reopen rate,
/// resident dissatisfaction and cases escalated past the compound — the period report's figures of the unit's
/// compound (<see cref="PeriodReportQueries.ByCompoundAsync"/>), so the two never disagree. A compound served by two
/// companies over time gives both units its record (cases carry no company).
/// </summary>
public sealed class ServiceRecordQueries(Db db, PeriodReportQueries reports, TownClock town, ReportOptions options, RatingOptions ratingOptions)
    : IComputedChecklistItem
{
    /// <summary>Gets the checklist item computed from the record, or null when <see cref="ReportOptions.ComputeServiceChecklistItem"/>
    /// is off (or names no item of the checklist, which start-up refuses).</summary>
    public ChecklistItem? ComputedItem => options.ComputeServiceChecklistItem
        ? ratingOptions.EffectiveChecklist.FirstOrDefault(i => i.Code == options.ServiceChecklistItem)
        : null;

    /// <inheritdoc />
    public string? ItemCode => ComputedItem?.Code;

    /// <inheritdoc />
    public async Task<ComputedItemScore?> ScoreAsync(long unitId, int year, int quarter, CancellationToken cancellationToken = default)
    {
        if (ComputedItem is not { } item)
        {
            return null;
        }

        var record = (await HistoryAsync(unitId, [new AssessmentPeriod(year, quarter)], cancellationToken)).Select(h => h.Record).SingleOrDefault();
        if (record?.ComputedItemPoints is not { } points)
        {
            return null;
        }

        var r = record.Record;
        var source = new ComputedItemSource
        {
            SlaMet = r.SlaOverall.Part,
            SlaDue = r.SlaOverall.Whole,
            Reopened = r.Reopen.Part,
            Resolved = r.Reopen.Whole,
            Dissatisfied = r.Dissatisfaction.Part,
            Confirmations = r.Dissatisfaction.Whole,
            EscalatedPastCompound = r.EscalatedPastCompound,
            AsOf = db.NowMs,
        };
        return new ComputedItemScore(item.Code, points, source);
    }

    /// <summary>Every unit's record for an assessment period (quarter 0 = the year); empty for a period not begun.</summary>
    public async Task<IReadOnlyList<ServiceRecord>> ForPeriodAsync(int year, int quarter, CancellationToken cancellationToken = default)
    {
        var period = ReportPeriod.OfAssessment(year, quarter);
        if (period.IsFuture(town.Today))
        {
            return [];
        }

        var units = await UnitsAsync(null, cancellationToken);
        var byCompound = await reports.ByCompoundAsync(period, null, cancellationToken);
        return units.Where(u => byCompound.ContainsKey(u.CompoundId))
            .Select(u => Record(u, byCompound[u.CompoundId])).ToList();
    }

    /// <summary>One unit's record in each of the given periods that has begun, newest first (the unit's history).</summary>
    public async Task<IReadOnlyList<(AssessmentPeriod Period, ServiceRecord Record)>> HistoryAsync(long unitId, IEnumerable<AssessmentPeriod> periods, CancellationToken cancellationToken = default)
    {
        var unit = (await UnitsAsync(unitId, cancellationToken)).SingleOrDefault();
        if (unit is null)
        {
            return [];
        }

        var history = new List<(AssessmentPeriod, ServiceRecord)>();
        foreach (var p in periods.Where(p => !ReportPeriod.OfAssessment(p.Year, p.Quarter).IsFuture(town.Today)).OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter == 0 ? 5 : p.Quarter))
        {
            var records = await reports.ByCompoundAsync(ReportPeriod.OfAssessment(p.Year, p.Quarter), unit.CompoundId, cancellationToken);
            history.Add((p, Record(unit, records[unit.CompoundId])));
        }

        return history;
    }

    private ServiceRecord Record(UnitRow u, ScopeReport record) =>
        new(u.Id, u.CompoundId, u.CompoundName, u.CompanyName, record, ComputedItemPoints(record));

    /// <summary>
    /// The points of the computed checklist item when <see cref="ReportOptions.ComputeServiceChecklistItem"/> is on:
    /// its maximum × (½ deadlines met + ¼ not reopened + ¼ residents not dissatisfied), each share counted only where
    /// there is data and re-weighted over those present; null when off, when the item is unknown or without any data.
    /// </summary>
    public double? ComputedItemPoints(ScopeReport record) =>
        ComputedItem is { } item ? ServiceRecordScoring.Points(record, item.MaxPoints) : null;

    private async Task<IReadOnlyList<UnitRow>> UnitsAsync(long? unitId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UnitRow>(
            """
            SELECT u.id, u.compound_id, c.name AS compound_name, p.name AS company_name
            FROM assessment_units u JOIN compounds c ON c.id = u.compound_id JOIN property_companies p ON p.id = u.company_id
            WHERE @unitId IS NULL OR u.id = @unitId
            ORDER BY u.published_seq IS NULL, u.published_seq, c.name
            """,
            new { unitId });
        return rows.AsList();
    }

    private sealed record UnitRow
    {
        public long Id { get; init; }
        public long CompoundId { get; init; }
        public string CompoundName { get; init; } = "";
        public string CompanyName { get; init; } = "";
    }
}

/// <summary>How the service record scores a checklist item (see <see cref="ServiceRecordQueries.ComputedItemPoints"/>).</summary>
public static class ServiceRecordScoring
{
    public static double? Points(ScopeReport record, double maxPoints)
    {
        (double Weight, double? Share)[] parts =
        [
            (0.5, record.SlaOverall.Rate),
            (0.25, 1 - record.Reopen.Rate),
            (0.25, 1 - record.Dissatisfaction.Rate),
        ];
        var present = parts.Where(p => p.Share is not null).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        var share = present.Sum(p => p.Weight * p.Share!.Value) / present.Sum(p => p.Weight);
        return Math.Round(maxPoints * share, 1);
    }
}
