using Bunit;
using Dapper;
using Liwater.Data.Database;
using Liwater.Data.Demo;
using Liwater.Data.Cases;
using Liwater.Data.Ratings;
using Liwater.Dashboard.Components.Pages.Ratings;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.Ratings;

public sealed class ScoreSheetFormTests : BunitTestBase, IAsyncLifetime
{
    private readonly TempDatabase database = new(demo: true);
    private readonly RecordedItem computed = new();
    private IReadOnlyList<AssessmentUnit> units = [];

    public async ValueTask InitializeAsync()
    {
        await DemoDataLoader.LoadIfEmptyAsync(database.Db);
        var options = new RatingOptions();
        Services.AddSingleton(options);
        Services.AddSingleton(database.Db);
        Services.AddSingleton(new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        Services.AddSingleton<AssessmentQueries>();
        Services.AddSingleton<ScoreSheetCommands>();
        Services.AddSingleton<IComputedChecklistItem>(computed);
        // The form saves as the signed-in user; the data layer lets only assessors and the town office score, and
        // re-checks the account in every write, so the assessor is a real, active account.
        var assessorId = await database.Db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>(
            "INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES ('assessor', '评分人', 'x', 'assessor', 0) RETURNING id",
            transaction: tx));
        var auth = AddAuthorization();
        auth.SetAuthorized("assessor");
        auth.SetRoles(Roles.Assessor);
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, assessorId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new System.Security.Claims.Claim(Liwater.Dashboard.Auth.CurrentUser.VersionClaim, "1"));
        units = await new AssessmentQueries(database.Db, options).ListUnitsAsync();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task Typing_ItemScores_UpdatesTotal()
    {
        var cut = Render<ScoreSheetForm>(p => p.Add(x => x.Units, units));
        await cut.InvokeAsync(() => cut.Instance.OpenAsync(units[0].Id, 2023, 1));

        cut.Find("[data-testid=score-safety] input").Input("18.5");
        cut.Find("[data-testid=score-order] input").Input("12");

        cut.WaitForAssertion(() => Assert.Equal("30.5", cut.Find("[data-testid=sheet-total]").TextContent));
    }

    [Fact]
    public async Task Save_ScoreAboveMax_ShowsChineseErrorAndStoresNothing()
    {
        var cut = Render<ScoreSheetForm>(p => p.Add(x => x.Units, units));
        await cut.InvokeAsync(() => cut.Instance.OpenAsync(units[0].Id, 2023, 2));
        foreach (var item in RatingOptions.DefaultChecklist)
        {
            cut.Find($"[data-testid=score-{item.Code}] input").Input(item.Code == "governance" ? "12" : "10");
        }

        cut.Find("[data-testid=sheet-assessor] input").Change("房管所 李四");
        await cut.Find("[data-testid=sheet-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("“配合政府治理工作”得分应在0到10分之间", cut.Find("[data-testid=sheet-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assessment_scores WHERE year = 2023")));
    }

    [Fact]
    public async Task Save_ValidSheet_StoresTotalAndItems()
    {
        var cut = Render<ScoreSheetForm>(p => p.Add(x => x.Units, units));
        await cut.InvokeAsync(() => cut.Instance.OpenAsync(units[1].Id, 2023, 3));
        foreach (var item in RatingOptions.DefaultChecklist)
        {
            cut.Find($"[data-testid=score-{item.Code}] input").Input("8");
        }

        cut.Find("[data-testid=sheet-assessor] input").Change("房管所 李四");
        await cut.Find("[data-testid=sheet-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("48", cut.Find("[data-testid=sheet-status]").TextContent, StringComparison.Ordinal));
        Assert.Equal(48, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<double>("SELECT total FROM assessment_scores WHERE year = 2023 AND quarter = 3")));
        Assert.Equal(6, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assessment_score_items i JOIN assessment_scores s ON s.id = i.score_id WHERE s.year = 2023")));
    }

    [Fact]
    public async Task Open_ComputedItemWithRecord_ShowsPointsAndFiguresInsteadOfAnInput()
    {
        computed.Score = new ComputedItemScore("service", 9.4, new ComputedItemSource { SlaMet = 3, SlaDue = 4, Reopened = 1, Resolved = 2, Dissatisfied = 1, Confirmations = 2, EscalatedPastCompound = 1 });
        var cut = Render<ScoreSheetForm>(p => p.Add(x => x.Units, units));
        await cut.InvokeAsync(() => cut.Instance.OpenAsync(units[0].Id, 2023, 1));

        cut.Find("[data-testid=score-safety] input").Input("18");

        cut.WaitForAssertion(() => Assert.Equal("27.4", cut.Find("[data-testid=sheet-total]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=score-service] input"));
        Assert.Equal("9.4", cut.Find("[data-testid=computed-points]").TextContent);
        Assert.StartsWith("时限达标 3/4 · 重新打开 1/2 · 不满意 1/2 · 上报出小区 1 件", cut.Find("[data-testid=computed-source]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ComputedItemWithoutRecord_AssessorScoresItAndIsToldWhy()
    {
        var cut = Render<ScoreSheetForm>(p => p.Add(x => x.Units, units));
        await cut.InvokeAsync(() => cut.Instance.OpenAsync(units[0].Id, 2023, 1));

        Assert.Single(cut.FindAll("[data-testid=score-service] input"));
        Assert.Contains("无数据", cut.Find("[data-testid=computed-none]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>The form's view of the computed item: "service" is computed; its points are what the test sets.</summary>
    private sealed class RecordedItem : IComputedChecklistItem
    {
        public ComputedItemScore? Score { get; set; }

        public string? ItemCode => "service";

        public Task<ComputedItemScore?> ScoreAsync(long unitId, int year, int quarter, CancellationToken cancellationToken = default) => Task.FromResult(Score);
    }
}
