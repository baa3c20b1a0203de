using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Reports;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Reports.ReportTestData;

namespace Liwater.Dashboard.Tests.Data.Ratings;

/// <summary>
/// The computed checklist item (Liwater:Reports:ComputeServiceChecklistItem) applied in the score sheet: on, the
/// "service" item of a unit with a service record is the record's points, stored with its figures, and the ranking
/// (hence the red and black lists) uses the resulting total; off, the assessors' scores stand.
/// </summary>
public sealed class ScoreSheetComputedItemTests : IDisposable
{
    private static readonly ActingUser Assessor = new() { Id = 0, Username = "assessor", DisplayName = "考核评分人", Role = Roles.Assessor };
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase temp;

    public ScoreSheetComputedItemTests() => temp = new TempDatabase(clock);

    public void Dispose() => temp.Dispose();

    /// <summary>
    /// Compound 1 (unit 1) in Q4 2026: 4 deadline marks due, 3 met (case a: reply, action and resolution in time, the
    /// result mark missed); 2 resolved events, 1 reopened; 2 confirmations, 1 not satisfied; case b escalated from
    /// the compound. Compound 2 (unit 2) has no rows at all.
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

    private (ScoreSheetCommands Commands, AssessmentQueries Queries) Build(bool computeItem)
    {
        var town = new TownClock(clock, Shanghai);
        var caseOptions = new CaseOptions();
        var options = new ReportOptions { ComputeServiceChecklistItem = computeItem };
        var ratingOptions = new RatingOptions();
        var reports = new PeriodReportQueries(temp.Db, town, new DeadlinePolicy(caseOptions.Deadlines), caseOptions, options);
        var record = new ServiceRecordQueries(temp.Db, reports, town, options, ratingOptions);
        return (new ScoreSheetCommands(temp.Db, ratingOptions, record), new AssessmentQueries(temp.Db, ratingOptions));
    }

    // Unit 1's assessor gives 88 (service 15 of 15); unit 2's gives 85 (service 12).
    private static ScoreSheetInput Sheet(long unitId, double service) => new()
    {
        UnitId = unitId,
        Year = 2026,
        Quarter = 4,
        Assessor = "城治办 张三",
        Scores = new Dictionary<string, double?> { ["safety"] = 18, ["sanitation"] = 17, ["facilities"] = 16, ["order"] = 12, ["service"] = service, ["governance"] = 10 },
    };

    [Fact]
    public async Task SaveAsync_ComputedItemOn_StoresRecordPointsWithFiguresAndTheRankingUsesThem()
    {
        await SeedAsync();
        var (commands, queries) = Build(computeItem: true);

        await commands.SaveAsync(Assessor, Sheet(1, service: 15));
        await commands.SaveAsync(Assessor, Sheet(2, service: 12));

        // 15 × (0.5 × 3/4 + 0.25 × (1 − 1/2) + 0.25 × (1 − 1/2)) = 9.375 → 9.4 in place of the assessor's 15: 88 − 15 + 9.4.
        var sheet = await queries.GetSheetAsync(1, 2026, 4);
        Assert.NotNull(sheet);
        Assert.Equal(82.4, sheet.Score.Total);
        Assert.Equal(9.4, sheet.Items["service"]);
        var source = sheet.Computed["service"];
        Assert.Equal((3, 4, 1, 2, 1, 2, 1), (source.SlaMet, source.SlaDue, source.Reopened, source.Resolved, source.Dissatisfied, source.Confirmations, source.EscalatedPastCompound));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), source.AsOf);
        Assert.Single(sheet.Computed);

        // Unit 2's record holds no data: its assessor's 12 stands, so it now ranks above unit 1.
        var unit2 = await queries.GetSheetAsync(2, 2026, 4);
        Assert.Equal(85, unit2!.Score.Total);
        Assert.Empty(unit2.Computed);
        var league = await queries.LeagueAsync(2026, 4);
        Assert.Equal([(2L, 1, 85.0), (1L, 2, 82.4)], league.Select(r => (r.Unit.Id, r.Rating.Rank, r.Rating.Score)));
    }

    [Fact]
    public async Task SaveAsync_ComputedItemOff_AssessorsScoresStand()
    {
        await SeedAsync();
        var (commands, queries) = Build(computeItem: false);

        await commands.SaveAsync(Assessor, Sheet(1, service: 15));
        await commands.SaveAsync(Assessor, Sheet(2, service: 12));

        var sheet = await queries.GetSheetAsync(1, 2026, 4);
        Assert.Equal(88, sheet!.Score.Total);
        Assert.Equal(15, sheet.Items["service"]);
        Assert.Empty(sheet.Computed);
        Assert.Equal(0, await temp.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assessment_score_items WHERE computed_from IS NOT NULL")));
        var league = await queries.LeagueAsync(2026, 4);
        Assert.Equal([(1L, 1, 88.0), (2L, 2, 85.0)], league.Select(r => (r.Unit.Id, r.Rating.Rank, r.Rating.Score)));
    }

    [Fact]
    public async Task SaveAsync_ComputedItemOnAndAssessorLeavesItEmpty_SavesWithTheComputedPoints()
    {
        await SeedAsync();
        var (commands, queries) = Build(computeItem: true);
        var input = Sheet(1, service: 0);

        await commands.SaveAsync(Assessor, input with { Scores = input.Scores.Where(s => s.Key != "service").ToDictionary() });

        Assert.Equal(82.4, (await queries.GetSheetAsync(1, 2026, 4))!.Score.Total);
    }

    [Fact]
    public void Validate_ComputedItemNotInChecklist_NamesTheKeyAndTheCodes()
    {
        var errors = new ReportOptions { ComputeServiceChecklistItem = true, ServiceChecklistItem = "complaints" }.Validate(RatingOptions.DefaultChecklist);

        var error = Assert.Single(errors);
        Assert.Contains("Liwater:Reports:ServiceChecklistItem is 'complaints'", error, StringComparison.Ordinal);
        Assert.Contains("safety, sanitation, facilities, order, service, governance", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "complaints")]
    [InlineData(true, "service")]
    public void Validate_OffOrAKnownItem_IsFine(bool on, string item) =>
        Assert.Empty(new ReportOptions { ComputeServiceChecklistItem = on, ServiceChecklistItem = item }.Validate(RatingOptions.DefaultChecklist));
}
