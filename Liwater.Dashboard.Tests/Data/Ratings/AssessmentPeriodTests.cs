using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Statistics;
using Liwater.Data.Territory;

namespace Liwater.Dashboard.Tests.Data.Ratings;

/// <summary>
/// Draft → published assessment periods, from hand-built rows: three units published for the 2021 year-end with
/// 90, 85 and 50 points (two five-star red-list units and one black-list unit under the default thresholds).
/// </summary>
public sealed class AssessmentPeriodTests : IDisposable
{
    private static readonly ActingUser Assessor = new() { Id = 0, Username = "assessor", DisplayName = "评分人", Role = Roles.Assessor };
    private static readonly ActingUser TownOffice = new() { Id = 0, Username = "town", DisplayName = "城治办", Role = Roles.TownOffice };
    private readonly TempDatabase database = new();
    private readonly RatingOptions options = new();

    public AssessmentPeriodTests() => database.Db.WriteAsync((c, t) => c.ExecuteAsync(
        """
        INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'JX', '金溪社区', 'Jinxi', 1);
        INSERT INTO compounds (id, community_id, name) VALUES (1, 1, '甲小区'), (2, 1, '乙小区'), (3, 1, '丙小区');
        INSERT INTO property_companies (id, name) VALUES (1, '某物业公司');
        INSERT INTO assessment_units (id, compound_id, company_id) VALUES (1, 1, 1), (2, 2, 1), (3, 3, 1);
        INSERT INTO assessment_scores (unit_id, year, quarter, total, assessor, recorded_at) VALUES (1, 2021, 0, 90, '专家组', 1), (2, 2021, 0, 85, '专家组', 1), (3, 2021, 0, 50, '专家组', 1);
        INSERT INTO assessment_periods (year, quarter, state, changed_at, changed_by) VALUES (2021, 0, 'published', 1, '城治办');
        """,
        transaction: t)).GetAwaiter().GetResult();

    public void Dispose() => database.Dispose();

    private RatingCommands Ratings => new(database.Db, options);

    private ScoreSheetCommands Sheets => new(database.Db, options);

    [Fact]
    public async Task SaveSheet_DraftYear_LeavesThePublishedStarsOnEveryPublicReader()
    {
        await SaveDraftsFor2026Async();

        var figures = await TownFiguresAsync();
        Assert.Equal(2021, figures.RatingYear);
        Assert.Equal(new StarDistribution(2, 0, 0, 1), figures.Stars);
        var profile = await ProfileAsync(1);
        Assert.Equal([2021L], profile.YearEndPlaces.Select(p => p.Year));
        Assert.Equal([(2021L, 0L)], profile.Scores.Select(s => (s.Year, s.Quarter)));
        Assert.Equal([new AssessmentPeriod(2021, 0)], (await Queries.ListPeriodsAsync(includeDrafts: false)).Select(p => p.Period));
        Assert.Equal([2021], (await Queries.HistoryAsync(1, includeDrafts: false)).Select(h => h.Period.Year));
    }

    [Fact]
    public async Task ListPeriods_ForScorers_ListsTheDraftMarked()
    {
        await SaveDraftsFor2026Async();

        var periods = await Queries.ListPeriodsAsync(includeDrafts: true);

        Assert.Equal([(2026, false, 2), (2021, true, 3)], periods.Select(p => (p.Period.Year, p.IsPublished, p.Sheets)));
    }

    [Fact]
    public async Task PublishPeriod_TownOffice_PublicStarsMoveToThatYearAndTheTickerSaysSo()
    {
        await SaveDraftsFor2026Async();

        var publication = await Ratings.PublishPeriodAsync(TownOffice, 2026, 0);

        Assert.True(publication.Changed);
        var figures = await TownFiguresAsync();
        Assert.Equal(2026, figures.RatingYear);
        // Units 1 and 2 both scored 86 (18+17+16+12+13+10): tied first, both five stars; unit 3 has no 2026 sheet.
        Assert.Equal(new StarDistribution(2, 0, 0, 0), figures.Stars);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM rating_results WHERE year = 2026 AND quarter = 0 AND stars = 5"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind AND entity_id = 20260", new { kind = ChangeKinds.RatingPublished }));
        Assert.Contains(ChangeKinds.RatingPublished, LiveCounterQueries.TickerKinds);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'period.publish' AND outcome = 'ok' AND entity_id = 20260"));
        Assert.Equal([2026L, 2021L], (await ProfileAsync(1)).YearEndPlaces.Select(p => p.Year));
    }

    [Fact]
    public async Task SaveSheet_PublishedPeriod_RefusedAndNothingChanged()
    {
        var e = await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => Sheets.SaveAsync(Assessor, Sheet(3, 2021)));

        Assert.Contains("已发布", Words.Zh(e.Error), StringComparison.Ordinal);
        Assert.Equal(50, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<double>("SELECT total FROM assessment_scores WHERE unit_id = 3")));
    }

    [Fact]
    public async Task PublishPeriod_Assessor_RefusedAuditedAndStillDraft()
    {
        await SaveDraftsFor2026Async();

        var e = await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => Ratings.PublishPeriodAsync(Assessor, 2026, 0));

        Assert.Equal("只有城治办可以发布或重新开放考核期。", Words.Zh(e.Error));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM assessment_periods WHERE year = 2026"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'period.publish' AND outcome = 'refused' AND username = 'assessor'"));
    }

    [Fact]
    public async Task PublishPeriod_NoScores_RefusedAndNothingStored()
    {
        await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => Ratings.PublishPeriodAsync(TownOffice, 2026, 2));

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM assessment_periods WHERE year = 2026"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind", new { kind = ChangeKinds.RatingPublished }));
    }

    [Theory]
    [InlineData(Roles.Assessor)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.CommunityStaff)]
    [InlineData(Roles.Chair)]
    public async Task ReopenPeriod_NotTownOffice_RefusedAuditedAndStillPublished(string role)
    {
        var user = new ActingUser { Id = 0, Username = role, DisplayName = role, Role = role, CommunityId = role == Roles.CommunityStaff ? 1 : null };

        var e = await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => Ratings.ReopenPeriodAsync(user, 2021, 0, "分数录错"));

        Assert.Equal("只有城治办可以发布或重新开放考核期。", Words.Zh(e.Error));
        Assert.Equal("published", await database.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT state FROM assessment_periods WHERE year = 2021 AND quarter = 0")));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'period.reopen' AND outcome = 'refused' AND username = @role", new { role }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ReopenPeriod_WithoutReason_RefusedAndStillPublished(string? reason)
    {
        var e = await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => Ratings.ReopenPeriodAsync(TownOffice, 2021, 0, reason));

        Assert.True(e.FieldErrors.ContainsKey(RatingCommands.ReasonField));
        Assert.Equal("published", await database.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT state FROM assessment_periods WHERE year = 2021 AND quarter = 0")));
        Assert.Equal(2021, (await TownFiguresAsync()).RatingYear);
    }

    [Fact]
    public async Task ReopenPeriod_TownOfficeWithReason_BackToDraftAuditedAndPublicFallsBack()
    {
        await SaveDraftsFor2026Async();
        await Ratings.PublishPeriodAsync(TownOffice, 2026, 0);

        await Ratings.ReopenPeriodAsync(TownOffice, 2026, 0, "  乙小区分数录错  ");

        var figures = await TownFiguresAsync();
        Assert.Equal(2021, figures.RatingYear);
        Assert.Equal(new StarDistribution(2, 0, 0, 1), figures.Stars);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM rating_results WHERE year = 2026"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM assessment_periods WHERE year = 2026 AND state = 'draft' AND reopen_reason = '乙小区分数录错'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'period.reopen' AND outcome = 'ok' AND after LIKE '%乙小区分数录错%'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind AND entity_id = 20260", new { kind = ChangeKinds.RatingReopened }));

        // Re-opened, its sheets can be corrected again.
        var sheet = await Queries.GetSheetAsync(2, 2026, 0);
        await Sheets.SaveAsync(Assessor, Sheet(2, 2026, governance: 5) with { ExpectedRecordedAt = sheet!.Score.RecordedAt });
    }

    [Fact]
    public async Task ReopenPeriod_Draft_Refused()
    {
        await SaveDraftsFor2026Async();

        await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => Ratings.ReopenPeriodAsync(TownOffice, 2026, 0, "理由"));
    }

    [Fact]
    public async Task Publish_JobOnADraftPeriod_RanksNothing()
    {
        await SaveDraftsFor2026Async();

        var publication = await Ratings.PublishAsync(2026, 0);

        Assert.False(publication.Changed);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM rating_results"));
        Assert.True((await Ratings.PublishAsync(2021, 0)).Changed);
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM rating_results WHERE year = 2021"));
    }

    private AssessmentQueries Queries => new(database.Db, options);

    private async Task SaveDraftsFor2026Async()
    {
        await Sheets.SaveAsync(Assessor, Sheet(1, 2026));
        await Sheets.SaveAsync(Assessor, Sheet(2, 2026));
    }

    private Task<GovernanceFigures> TownFiguresAsync() => new StatisticsQueries(database.Db, options).GetFiguresAsync(StatisticsScope.Town);

    private async Task<CompoundProfile> ProfileAsync(long compoundId)
    {
        var town = new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        return (await new CompoundProfileQueries(database.Db, new TerritoryQueries(database.Db), town, options).GetAsync(TownOffice, compoundId))!;
    }

    private Task<long> CountAsync(string sql, object? args = null) => database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args));

    private static ScoreSheetInput Sheet(long unitId, int year, double governance = 10) => new()
    {
        UnitId = unitId,
        Year = year,
        Quarter = 0,
        Assessor = "评分人 张三",
        Scores = new Dictionary<string, double?> { ["safety"] = 18, ["sanitation"] = 17, ["facilities"] = 16, ["order"] = 12, ["service"] = 13, ["governance"] = governance },
    };
}
