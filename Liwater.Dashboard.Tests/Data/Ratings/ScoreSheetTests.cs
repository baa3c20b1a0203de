using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Ratings;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Data.Ratings;

public sealed class ScoreSheetTests : IDisposable
{
    private static readonly IReadOnlyList<ChecklistItem> Checklist = RatingOptions.DefaultChecklist;
    private static readonly ActingUser Assessor = new() { Id = 0, Username = "assessor", DisplayName = "考核评分人", Role = Roles.Assessor };
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public void DefaultChecklist_SumsTo100_AndValidates()
    {
        Assert.Equal(100, Checklist.Sum(i => i.MaxPoints));
        Assert.Empty(new RatingOptions().Validate());
    }

    [Fact]
    public void Validate_ChecklistNotSummingTo100_NamesTheKey()
    {
        var options = new RatingOptions { Checklist = [new ChecklistItem { Code = "a", Name = "甲", MaxPoints = 60 }] };
        Assert.Contains(options.Validate(), e => e.Contains("Liwater:Ratings:Checklist", StringComparison.Ordinal) && e.Contains("100", StringComparison.Ordinal));
    }

    [Fact]
    public void Total_SumsItems_RoundedToTwoDecimals()
    {
        var scores = new Dictionary<string, double?> { ["safety"] = 18.1, ["sanitation"] = 17.2, ["facilities"] = 16, ["order"] = 12, ["service"] = 13.5, ["governance"] = 9.2 };
        Assert.Equal(86, ScoreSheetRules.Total(scores, Checklist));
    }

    [Fact]
    public void Check_ScoreAboveItemMax_NamesItemInChinese()
    {
        var errors = ScoreSheetRules.Check(Sheet(governance: 11), Checklist);
        Assert.Equal("“配合政府治理工作”得分应在0到10分之间。", Words.Zh(errors[ScoreSheetRules.ItemField("governance")]));
    }

    [Fact]
    public async Task Save_NewThenSamePeriodWithoutToken_RefusesAndKeepsFirst()
    {
        var unit = await SeedUnitAsync();
        var commands = new ScoreSheetCommands(database.Db, new RatingOptions());
        var first = await commands.SaveAsync(Assessor, Sheet(unitId: unit));

        var e = await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => commands.SaveAsync(Assessor, Sheet(unitId: unit, governance: 2)));
        Assert.Contains("已有评分", Words.Zh(e.Error), StringComparison.Ordinal);

        var updated = await commands.SaveAsync(Assessor, Sheet(unitId: unit, governance: 2) with { ExpectedRecordedAt = first });
        Assert.True(updated > first);
        await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => commands.SaveAsync(Assessor, Sheet(unitId: unit) with { ExpectedRecordedAt = first }));
        var total = await database.Db.ReadAsync(c => c.ExecuteScalarAsync<double>("SELECT total FROM assessment_scores WHERE unit_id = @unit", new { unit }));
        Assert.Equal(78, total);
        Assert.Equal(2, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log WHERE kind = @k", new { k = ChangeKinds.ScoreRecorded })));
    }

    [Fact]
    public async Task Save_ScoreOutOfRange_StoresNothing()
    {
        var unit = await SeedUnitAsync();
        var commands = new ScoreSheetCommands(database.Db, new RatingOptions());
        await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => commands.SaveAsync(Assessor, Sheet(unitId: unit, governance: -1)));
        Assert.Equal(0, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assessment_scores")));
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.CommunityStaff)]
    [InlineData(Roles.Chair)]
    public async Task Save_RoleWithoutScoringRights_RefusedAuditedAndNothingStored(string role)
    {
        var unit = await SeedUnitAsync();
        var commands = new ScoreSheetCommands(database.Db, new RatingOptions());
        var user = new ActingUser { Id = 0, Username = role, DisplayName = role, Role = role, CommunityId = role == Roles.CommunityStaff ? 1 : null };

        var e = await Assert.ThrowsAsync<ScoreSheetRefusedException>(() => commands.SaveAsync(user, Sheet(unitId: unit)));

        Assert.Equal("只有城治办和考核评分人可以录入考核评分。", Words.Zh(e.Error));
        Assert.Equal(0, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assessment_scores")));
        Assert.Equal(1, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'score.save' AND outcome = 'refused' AND username = @role", new { role })));
    }

    private static ScoreSheetInput Sheet(long unitId = 1, double governance = 10) => new()
    {
        UnitId = unitId,
        Year = 2022,
        Quarter = 1,
        Assessor = "城治办 张三",
        Scores = new Dictionary<string, double?> { ["safety"] = 18, ["sanitation"] = 17, ["facilities"] = 16, ["order"] = 12, ["service"] = 13, ["governance"] = governance },
    };

    private Task<long> SeedUnitAsync() => database.Db.WriteAsync((c, t) => c.ExecuteScalarAsync<long>(
        """
        INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'JX', '金溪社区', 'Jinxi', 1);
        INSERT INTO compounds (id, community_id, name) VALUES (1, 1, '中恒海晖花园');
        INSERT INTO property_companies (id, name) VALUES (1, '某物业公司');
        INSERT INTO assessment_units (id, compound_id, company_id) VALUES (1, 1, 1) RETURNING id;
        """,
        transaction: t));
}
