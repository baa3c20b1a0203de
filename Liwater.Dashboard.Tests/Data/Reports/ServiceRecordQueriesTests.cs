using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Reports;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Reports.ReportTestData;

namespace Liwater.Dashboard.Tests.Data.Reports;

public sealed class ServiceRecordQueriesTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase temp;

    public ServiceRecordQueriesTests() => temp = new TempDatabase(clock);

    public void Dispose() => temp.Dispose();

    private ServiceRecordQueries Queries(bool computeItem)
    {
        var town = new TownClock(clock, Shanghai);
        var caseOptions = new CaseOptions();
        var options = new ReportOptions { ComputeServiceChecklistItem = computeItem };
        var reports = new PeriodReportQueries(temp.Db, town, new DeadlinePolicy(caseOptions.Deadlines), caseOptions, options);
        return new ServiceRecordQueries(temp.Db, reports, town, options, new RatingOptions());
    }

    /// <summary>
    /// Compound 1 (unit 1) in Q4 2026: a property case meeting reply and action but not the result mark, resolved in
    /// time (3 of 4 marks met); a case resolved, reopened by an unsatisfied resident and escalated from the compound
    /// (its compound limit met by escalating, its community limit not yet due); one satisfied confirmation.
    /// </summary>
    private async Task SeedAsync()
    {
        await SeedTerritoryAsync(temp);
        var a = await CaseAsync(temp, 1, "property_service", "compound", "closed", Local(10, 10, 9),
            repliedAt: Local(10, 10, 9, 2), actionAt: Local(10, 10, 9, 9), resultAt: Local(10, 10, 9, 40), resolvedAt: Local(10, 11, 9), closedAt: Local(10, 11, 12));
        await EventAsync(temp, a, "resolved", Local(10, 11, 9));
        await EventAsync(temp, a, "confirmed_satisfied", Local(10, 11, 12));
        var b = await CaseAsync(temp, 1, "other", "community", "in_progress", Local(12, 1, 9), levelEnteredAt: Local(12, 4, 9));
        await EventAsync(temp, b, "resolved", Local(12, 2, 9));
        await EventAsync(temp, b, "confirmed_unsatisfied", Local(12, 3, 9));
        await EventAsync(temp, b, "escalated", Local(12, 4, 9), "compound", "community");
    }

    [Fact]
    public async Task ForPeriodAsync_Quarter_GivesEachUnitItsCompoundsFigures()
    {
        await SeedAsync();

        var records = (await Queries(computeItem: false).ForPeriodAsync(2026, 4)).ToDictionary(r => r.UnitId);

        Assert.Equal(3, records.Count);
        Assert.Equal(new PartOf(3, 4), records[1].Sla);
        Assert.Equal(new PartOf(1, 2), records[1].Reopen);
        Assert.Equal(new PartOf(1, 2), records[1].Dissatisfaction);
        Assert.Equal(1, records[1].EscalatedPastCompound);
        Assert.Null(records[1].ComputedItemPoints);
        Assert.Null(records[2].Sla.Rate);
        Assert.Equal(0, records[3].EscalatedPastCompound);
    }

    [Fact]
    public async Task ForPeriodAsync_ComputedItemOn_ScoresTheServiceItemFromTheRecord()
    {
        await SeedAsync();

        var records = (await Queries(computeItem: true).ForPeriodAsync(2026, 4)).ToDictionary(r => r.UnitId);

        // "service" is worth 15: 15 × (0.5 × 3/4 + 0.25 × 1/2 + 0.25 × 1/2) = 15 × 0.625 = 9.375 → 9.4.
        Assert.Equal(9.4, records[1].ComputedItemPoints);
        // Compound 2 has no data at all: the assessors score it.
        Assert.Null(records[2].ComputedItemPoints);
    }

    [Fact]
    public async Task HistoryAsync_Unit_OneRowPerBegunPeriodNewestFirst()
    {
        await SeedAsync();

        var history = await Queries(computeItem: false).HistoryAsync(1, [new(2027, 1), new(2026, 4), new(2026, 3), new(2026, 0)]);

        Assert.Equal([new AssessmentPeriod(2026, 0), new(2026, 4), new(2026, 3)], history.Select(h => h.Period));
        Assert.Equal(new PartOf(3, 4), history[0].Record.Sla);
        Assert.True(history[2].Record.Record.IsEmpty);
    }

    [Fact]
    public async Task ForPeriodAsync_FuturePeriod_IsEmpty()
    {
        await SeedAsync();

        Assert.Empty(await Queries(computeItem: false).ForPeriodAsync(2027, 1));
    }
}
