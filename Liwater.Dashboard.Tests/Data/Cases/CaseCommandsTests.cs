using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Cases.CaseTestData;

namespace Liwater.Dashboard.Tests.Data.Cases;

public sealed class CaseCommandsTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly CaseCommands commands;
    private readonly CaseQueries queries;

    public CaseCommandsTests()
    {
        database = new TempDatabase(time);
        var clock = new TownClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        commands = new CaseCommands(database.Db, clock, new CaseOptions());
        queries = new CaseQueries(database.Db);
    }

    public async ValueTask InitializeAsync() => await SeedAsync(database.Db);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task CreateAsync_ValidInput_WritesCaseEventAuditAndChangeLogWithDueAt()
    {
        var result = await commands.CreateAsync(StaffA, Input());

        Assert.Equal(CaseOutcome.Ok, result.Outcome);
        var (detail, _) = await queries.GetAsync(StaffA, result.CaseId!.Value);
        Assert.Equal("LS-2026-0001", detail!.Case.Code);
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds() + 3 * 86_400_000L, detail.Case.DueAt);
        Assert.Equal("opened", Assert.Single(detail.Events).Kind);
        Assert.Equal(1, await Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.create' AND outcome = 'ok' AND after LIKE '%外墙瓷砖脱落%'"));
        Assert.Equal(1, await Count($"SELECT COUNT(*) FROM change_log WHERE kind = '{ChangeKinds.CaseOpened}' AND community_id = {CommunityA}"));
    }

    [Fact]
    public async Task CreateAsync_BuildingOfAnotherCompound_InvalidAndNothingSaved()
    {
        var result = await commands.CreateAsync(StaffA, Input(buildingId: BuildingB1));

        Assert.Equal(CaseOutcome.Invalid, result.Outcome);
        Assert.Equal("该楼栋不属于所选小区。", Words.Zh(result.Errors[nameof(NewCase.BuildingId)]));
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM cases"));
    }

    [Fact]
    public async Task CreateAsync_StaffForAnotherCommunity_RefusedAndAudited()
    {
        var result = await commands.CreateAsync(StaffA, Input(compoundId: CompoundB, buildingId: null));

        Assert.Equal(CaseOutcome.Refused, result.Outcome);
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM cases"));
        Assert.Equal(1, await Count("SELECT COUNT(*) FROM audit_log WHERE username = 'staff-a' AND outcome = 'refused'"));
    }

    [Fact]
    public async Task ApplyAsync_StaleVersion_ConflictCarriesCurrentVersion()
    {
        var id = (await commands.CreateAsync(StaffA, Input())).CaseId!.Value;
        var first = await commands.ApplyAsync(StaffA, id, 1, new CaseAction { Kind = CaseActionKind.Reply, Body = "已联系物业" });
        var second = await commands.ApplyAsync(Town, id, 1, new CaseAction { Kind = CaseActionKind.Reply, Body = "另一人的回复" });

        Assert.Equal((CaseOutcome.Ok, 2L), (first.Outcome, first.Version!.Value));
        Assert.Equal((CaseOutcome.Conflict, 2L), (second.Outcome, second.Version!.Value));
        Assert.Contains("当前版本 2", Words.Zh(second.Error), StringComparison.Ordinal);
        Assert.Equal(1, await Count("SELECT COUNT(*) FROM case_events WHERE kind = 'reply'"));
    }

    [Fact]
    public async Task ApplyAsync_MotionResultWithoutACouncil_InvalidAndNothingWritten()
    {
        var id = (await commands.CreateAsync(StaffA, Input())).CaseId!.Value;

        var result = await commands.ApplyAsync(Town, id, 1, new CaseAction { Kind = CaseActionKind.MotionResult, Body = "伪造的表决结果" });

        Assert.Equal(CaseErrors.SystemOnly, result.Errors[nameof(CaseAction.Kind)].Code);
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM case_events WHERE kind = 'motion_result'"));
    }

    [Fact]
    public async Task ApplyAsync_StaleVersion_ConflictShowsWhatChanged()
    {
        var id = (await commands.CreateAsync(StaffA, Input())).CaseId!.Value;
        await commands.ApplyAsync(StaffA, id, 1, new CaseAction { Kind = CaseActionKind.Escalate, Body = "物业无法解决" });

        var stale = await commands.ApplyAsync(Town, id, 1, new CaseAction { Kind = CaseActionKind.Resolve, Body = "已处理" });

        Assert.Equal((CaseOutcome.Conflict, CaseLevels.Community, 2L), (stale.Outcome, stale.Current!.Level, stale.Current.Version));
        Assert.Equal((CaseEventKinds.Escalated, CaseLevels.Community), (stale.LatestEvent!.Kind, stale.LatestEvent.ToLevel));
        Assert.Equal("Not saved: someone else changed this case (now version 2). Reload to see the latest, then try again.", Words.En(stale.Error));
    }

    [Fact]
    public async Task ApplyAsync_TwoConsultations_RunningCountAndTimelineData()
    {
        var id = (await commands.CreateAsync(StaffA, Input())).CaseId!.Value;
        var today = DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime);
        var round = new CaseAction { Kind = CaseActionKind.Consultation, HeldOn = today, Participants = "物业、业委会、楼长", Body = "同意先行加固" };
        var v2 = (await commands.ApplyAsync(StaffA, id, 1, round)).Version!.Value;
        await commands.ApplyAsync(StaffA, id, v2, round);

        var (detail, _) = await queries.GetAsync(Town, id);
        Assert.Equal(2, detail!.Case.ConsultationRounds);
        Assert.Contains("\"round\":2", detail.Events[^1].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_ConsultationDatedTomorrow_InvalidWithChineseMessage()
    {
        var id = (await commands.CreateAsync(StaffA, Input())).CaseId!.Value;
        var tomorrow = DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime).AddDays(1);
        var result = await commands.ApplyAsync(StaffA, id, 1, new CaseAction { Kind = CaseActionKind.Consultation, HeldOn = tomorrow, Participants = "a", Body = "b" });

        Assert.Equal("协商日期不能晚于今天。", Words.Zh(result.Errors[nameof(CaseAction.HeldOn)]));
    }

    [Fact]
    public async Task ApplyAsync_OtherCommunityStaffForgesAction_RefusedAuditedUnchanged()
    {
        var id = (await commands.CreateAsync(StaffA, Input())).CaseId!.Value;
        var result = await commands.ApplyAsync(StaffB, id, 1, new CaseAction { Kind = CaseActionKind.Cancel });

        Assert.Equal(CaseOutcome.Refused, result.Outcome);
        Assert.Equal(1, await Count("SELECT version FROM cases"));
        Assert.Equal(1, await Count("SELECT COUNT(*) FROM audit_log WHERE username = 'staff-b' AND action = 'case.cancel' AND outcome = 'refused'"));
    }

    [Fact]
    public async Task ApplyAsync_EscalateTwiceThenChairReturns_LevelsAndChangeKinds()
    {
        var id = (await commands.CreateAsync(StaffA, Input())).CaseId!.Value;
        var v = (await commands.ApplyAsync(StaffA, id, 1, new CaseAction { Kind = CaseActionKind.Escalate, Body = "物业无法解决" })).Version!.Value;
        v = (await commands.ApplyAsync(StaffA, id, v, new CaseAction { Kind = CaseActionKind.Escalate, Body = "涉及多个部门" })).Version!.Value;
        var staffResolve = await commands.ApplyAsync(StaffA, id, v, new CaseAction { Kind = CaseActionKind.Resolve, Body = "x" });
        var chairReturn = await commands.ApplyAsync(Chair, id, v, new CaseAction { Kind = CaseActionKind.Return, Body = "由社区牵头落实" });

        Assert.Equal(CaseOutcome.Refused, staffResolve.Outcome);
        Assert.Equal(CaseOutcome.Ok, chairReturn.Outcome);
        var (detail, _) = await queries.GetAsync(Town, id);
        Assert.Equal(CaseLevels.Community, detail!.Case.Level);
        Assert.Equal(2, await Count($"SELECT COUNT(*) FROM change_log WHERE kind = '{ChangeKinds.CaseEscalated}'"));
        Assert.Equal(1, await Count($"SELECT COUNT(*) FROM change_log WHERE kind = '{ChangeKinds.CaseReturned}'"));
    }

    [Fact]
    public async Task RecordBreachesAsync_CrossingFiveTenFifteenMinuteMarks_EachRecordedOnce()
    {
        var id = (await commands.CreateAsync(StaffA, Input(CaseOptions.PropertyService))).CaseId!.Value;

        time.Advance(TimeSpan.FromMinutes(4.9));
        Assert.Equal(0, await commands.RecordBreachesAsync(database.Db.NowMs));
        time.Advance(TimeSpan.FromMinutes(0.2));
        Assert.Equal(1, await commands.RecordBreachesAsync(database.Db.NowMs));
        Assert.Equal(0, await commands.RecordBreachesAsync(database.Db.NowMs));

        // A reply after the mark does not undo the breach; the next clock is the 10-minute mark.
        await commands.ApplyAsync(StaffA, id, 1, new CaseAction { Kind = CaseActionKind.Reply, Body = "已收到" });
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await commands.RecordBreachesAsync(database.Db.NowMs));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await commands.RecordBreachesAsync(database.Db.NowMs));
        Assert.Equal(0, await commands.RecordBreachesAsync(database.Db.NowMs));

        Assert.Equal(["action", "reply", "result"], (await Strings("SELECT mark FROM case_breaches ORDER BY mark")).ToArray());
        Assert.Equal(3, await Count($"SELECT COUNT(*) FROM change_log WHERE kind = '{ChangeKinds.CaseDeadlineBreached}'"));
        var (detail, _) = await queries.GetAsync(StaffA, id);
        Assert.Equal(3, detail!.Breaches.Count);
        Assert.Equal(3, detail.Case.BreachCount);
    }

    [Fact]
    public async Task ListAsync_CommunityStaff_SeesOnlyOwnCommunityEvenWhenAskingForAnother()
    {
        await commands.CreateAsync(StaffA, Input());
        await commands.CreateAsync(StaffB, Input(compoundId: CompoundB, buildingId: null));

        var own = await queries.ListAsync(StaffA, new CaseFilter { CommunityId = CommunityB });
        var all = await queries.ListAsync(Viewer, new CaseFilter());

        Assert.Equal(CommunityA, Assert.Single(own.Items).CommunityId);
        Assert.Equal(2, all.Total);
    }

    [Fact]
    public async Task ListAsync_OverdueFilterAndPaging_CountsAllMatches()
    {
        for (var i = 0; i < 3; i++)
        {
            await commands.CreateAsync(StaffA, Input(CaseOptions.PropertyService));
        }

        await commands.CreateAsync(StaffA, Input());
        time.Advance(TimeSpan.FromMinutes(6));

        var overdue = await queries.ListAsync(Town, new CaseFilter { OverdueOnly = true, PageSize = 2 });
        Assert.Equal(3, overdue.Total);
        Assert.Equal(2, overdue.Items.Count);
    }

    [Fact]
    public async Task GetAsync_OtherCommunity_RefusedAndAudited()
    {
        var id = (await commands.CreateAsync(StaffA, Input())).CaseId!.Value;
        var (detail, outcome) = await queries.GetAsync(StaffB, id);

        Assert.Null(detail);
        Assert.Equal(CaseOutcome.Refused, outcome);
        Assert.Equal(1, await Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.read' AND outcome = 'refused'"));
    }

    private async Task<long> Count(string sql)
    {
        await using var c = await database.Db.OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private async Task<IEnumerable<string>> Strings(string sql)
    {
        await using var c = await database.Db.OpenAsync();
        return await c.QueryAsync<string>(sql);
    }
}
