using Dapper;
using Liwater.Dashboard.Tests.Data.Demo;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Demo;
using Liwater.Data.Meetings;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Data.Meetings;

/// <summary>The joint meeting's writes on a fresh demo database per test (each test opens its own meeting).</summary>
public sealed class MeetingCommandsTests : IAsyncLifetime, IDisposable
{
    private static readonly ActingUser Chair = new() { Id = 0, Username = "chair", DisplayName = "召集人", Role = Roles.Chair };
    private static readonly ActingUser Viewer = new() { Id = 0, Username = "viewer", DisplayName = "观察员", Role = Roles.Viewer };

    private readonly FakeTimeProvider time = new(DemoDatabaseFixture.Now);
    private readonly TempDatabase database;
    private readonly TownClock clock;
    private readonly CaseCommands cases;
    private readonly MeetingCommands commands;
    private readonly MeetingQueries queries;

    public MeetingCommandsTests()
    {
        database = new TempDatabase(time, demo: true);
        clock = new TownClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        cases = new CaseCommands(database.Db, clock, new CaseOptions());
        commands = new MeetingCommands(database.Db, clock, cases);
        queries = new MeetingQueries(database.Db);
    }

    private DateOnly Today => clock.Today;

    // The demo comes with the database (placed at the fake clock's start, from a template).
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task OpenAsync_SecondWhileOneInSession_RefusedWithChineseMessage()
    {
        var first = await OpenAsync();
        var second = await commands.OpenAsync(Chair, new NewMeeting { HeldOn = Today, Chair = "另一位", Attendees = "甲" });

        Assert.Equal(CaseOutcome.Refused, second.Outcome);
        Assert.StartsWith("已有联席会议正在进行", Words.Zh(second.Error), StringComparison.Ordinal);
        Assert.Equal(first, second.MeetingId);
        Assert.Equal(1, await Count("SELECT COUNT(*) FROM meetings"));
    }

    [Fact]
    public async Task GetAgendaAsync_InSession_ListsEveryTownLevelActiveCase()
    {
        var id = await OpenAsync();
        var town = await Count("SELECT COUNT(*) FROM cases WHERE level = 'town' AND status IN ('open', 'in_progress')");

        var agenda = await queries.GetAgendaAsync(Chair, id);

        Assert.True(town > 0, "the demo data has town-level cases");
        Assert.Equal(town, agenda!.Items.Count);
        Assert.All(agenda.Items, i => Assert.Equal(CaseLevels.Town, i.Case!.Level));
    }

    [Fact]
    public async Task DecideAsync_Assign_WritesItemCaseEventAndChangesInOneGo()
    {
        var id = await OpenAsync();
        var target = await TownCaseAsync();
        var changesBefore = await Count("SELECT COUNT(*) FROM change_log");

        var result = await commands.DecideAsync(Chair, id, new MeetingDecision
        {
            CaseId = target.Id, ExpectedCaseVersion = target.Version, Kind = DecisionKind.Assign, Assignee = "镇住建办", DueOn = Today.AddDays(14), Text = "两周内拿出维修方案",
        });

        Assert.Equal(CaseOutcome.Ok, result.Outcome);
        var item = Assert.Single(await Query<MeetingItemRow>("SELECT * FROM meeting_items WHERE meeting_id = @id", new { id }));
        Assert.Equal(("assign", "镇住建办", TownClock.Iso(Today.AddDays(14))), (item.DecisionKind, item.Assignee, item.DueOn));
        var after = await Query<CaseRow>("SELECT assigned_unit_kind, assigned_unit_name, status, version FROM cases WHERE id = @Id", new { target.Id });
        Assert.Equal(("town_department", "镇住建办", CaseStatuses.InProgress, target.Version + 1), (after[0].AssignedUnitKind, after[0].AssignedUnitName, after[0].Status, after[0].Version));
        var e = Assert.Single(await Query<CaseEventRow>("SELECT kind, body, data FROM case_events WHERE case_id = @Id AND kind = 'assigned'", new { target.Id }));
        Assert.Equal("两周内拿出维修方案", e.Body);
        Assert.Contains(TownClock.Iso(Today.AddDays(14)), e.Data, StringComparison.Ordinal);
        // The chair's date is the case's deadline (the end of that day); it supersedes the town's 15-day limit (decision 0070).
        var chairs = clock.StartOfDayMs(Today.AddDays(15));
        Assert.Equal(chairs, await Count("SELECT assigned_due_at FROM cases WHERE id = @Id", new { target.Id }));
        Assert.Equal(chairs, await Count("SELECT due_at FROM cases WHERE id = @Id", new { target.Id }));
        Assert.Equal(changesBefore + 2, await Count("SELECT COUNT(*) FROM change_log"));
        Assert.Equal(1, await Count($"SELECT COUNT(*) FROM change_log WHERE kind = '{ChangeKinds.MeetingChanged}' AND summary LIKE '%\"{ChangeSummaries.MeetingDecided}\"%'"));
        Assert.True((await queries.GetAgendaAsync(Chair, id))!.Items.Single(i => i.Case?.Id == target.Id).IsDecided);
    }

    [Fact]
    public async Task DecideAsync_StaleCaseVersion_NeitherItemNorCaseChanges()
    {
        var id = await OpenAsync();
        var target = await TownCaseAsync();
        // Someone else works the case after the chair's screen read it.
        await cases.ApplyAsync(Chair, target.Id, target.Version, new CaseAction { Kind = CaseActionKind.Reply, Body = "住建办已到场查看" });
        var eventsBefore = await Count("SELECT COUNT(*) FROM case_events WHERE case_id = @Id", new { target.Id });

        var result = await commands.DecideAsync(Chair, id, new MeetingDecision
        {
            CaseId = target.Id, ExpectedCaseVersion = target.Version, Kind = DecisionKind.Resolve, Text = "已办结",
        });

        Assert.Equal(CaseOutcome.Conflict, result.Outcome);
        Assert.Contains("已被他人修改", Words.Zh(result.Error), StringComparison.Ordinal);
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM meeting_items"));
        Assert.Equal(eventsBefore, await Count("SELECT COUNT(*) FROM case_events WHERE case_id = @Id", new { target.Id }));
        Assert.Equal(target.Version + 1, await Count("SELECT version FROM cases WHERE id = @Id", new { target.Id }));
        Assert.Equal(0, await Count($"SELECT COUNT(*) FROM change_log WHERE kind = '{ChangeKinds.MeetingChanged}' AND summary LIKE '%\"{ChangeSummaries.MeetingDecided}\"%'"));
    }

    [Fact]
    public async Task DecideAsync_Viewer_RefusedAuditedAndNothingWritten()
    {
        var id = await OpenAsync();
        var target = await TownCaseAsync();

        var result = await commands.DecideAsync(Viewer, id, new MeetingDecision
        {
            CaseId = target.Id, ExpectedCaseVersion = target.Version, Kind = DecisionKind.Return, Text = "退回社区",
        });

        Assert.Equal((CaseOutcome.Refused, MeetingErrors.NotChair), (result.Outcome, result.Error?.Code));
        Assert.Equal(1, await Count("SELECT COUNT(*) FROM audit_log WHERE username = 'viewer' AND action = 'meeting.decide' AND outcome = 'refused' AND entity_id = @id", new { id }));
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM meeting_items"));
        Assert.Equal(target.Version, await Count("SELECT version FROM cases WHERE id = @Id", new { target.Id }));
    }

    [Fact]
    public async Task DecideAsync_Return_CaseGoesToCommunityAndStaysOnAgendaAsDecided()
    {
        var id = await OpenAsync();
        var target = await TownCaseAsync();

        var result = await commands.DecideAsync(Chair, id, new MeetingDecision
        {
            CaseId = target.Id, ExpectedCaseVersion = target.Version, Kind = DecisionKind.Return, Text = "请社区组织业主协商后再报",
        });

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(CaseLevels.Community, (await Query<CaseRow>("SELECT level FROM cases WHERE id = @Id", new { target.Id }))[0].Level);
        var line = (await queries.GetAgendaAsync(Chair, id))!.Items.Single(i => i.Case?.Id == target.Id);
        Assert.Equal(("return", target.CommunityName), (line.Item!.DecisionKind, line.Item.Assignee));
        var again = await commands.DecideAsync(Chair, id, new MeetingDecision { CaseId = target.Id, ExpectedCaseVersion = target.Version + 1, Kind = DecisionKind.Resolve, Text = "x" });
        Assert.Equal(CaseOutcome.Refused, again.Outcome);
    }

    [Fact]
    public async Task CloseAsync_WithUndecidedCasesAndOwnItem_StoresEveryItemAndFreesTheRoom()
    {
        var id = await OpenAsync();
        Assert.True((await commands.AddItemAsync(Chair, id, "部署春季消防检查")).Succeeded);
        var agenda = (await queries.GetAgendaAsync(Chair, id))!;
        var own = agenda.Items.Single(i => i.Case is null);
        Assert.True((await commands.DecideAsync(Chair, id, new MeetingDecision { ItemId = own.Item!.Id, Kind = DecisionKind.Assign, Assignee = "镇消防办", DueOn = Today.AddDays(7) })).Succeeded);

        var closed = await commands.CloseAsync(Chair, id, agenda.Meeting.Version);

        Assert.True(closed.Succeeded, closed.Error?.ToString());
        Assert.Equal(agenda.Items.Count, await Count("SELECT COUNT(*) FROM meeting_items WHERE meeting_id = @id", new { id }));
        Assert.Equal(agenda.Items.Count, (await queries.GetAgendaAsync(Chair, id))!.Items.Count);
        Assert.Null(await queries.GetScreenSummaryAsync());
        Assert.Equal(CaseOutcome.Refused, (await commands.AddItemAsync(Chair, id, "会后补充")).Outcome);
        Assert.True((await commands.OpenAsync(Chair, new NewMeeting { HeldOn = Today, Chair = "镇长", Attendees = "城治办" })).Succeeded);
    }

    private async Task<long> OpenAsync()
    {
        var result = await commands.OpenAsync(Chair, new NewMeeting { HeldOn = Today, Chair = "镇长", Attendees = "城治办、住建办、城管办" });
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.MeetingId!.Value;
    }

    private async Task<CaseRow> TownCaseAsync() =>
        (await queries.GetAgendaAsync(Chair, (await queries.GetInSessionAsync())!.Id))!.Items.First(i => i.Case is not null).Case!;

    private Task<long> Count(string sql, object? args = null) => database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args));

    private Task<List<T>> Query<T>(string sql, object? args = null) => database.Db.ReadAsync(async c => (await c.QueryAsync<T>(sql, args)).AsList());

    [Fact]
    public async Task GetAgendaAsync_CommunityStaff_SeesOnlyTheirCommunitysCases()
    {
        var id = await OpenAsync();
        var all = (await queries.GetAgendaAsync(Chair, id))!.Items.Where(i => i.Case is not null).ToList();
        var community = all.Select(i => i.Case!.CommunityId).First();
        var staff = new ActingUser { Id = 0, Username = "staff", DisplayName = "社工", Role = Roles.CommunityStaff, CommunityId = community };

        var theirs = (await queries.GetAgendaAsync(staff, id))!.Items.Where(i => i.Case is not null).ToList();

        Assert.True(all.Count > theirs.Count);
        Assert.NotEmpty(theirs);
        Assert.All(theirs, i => Assert.Equal(community, i.Case!.CommunityId));
    }
}
