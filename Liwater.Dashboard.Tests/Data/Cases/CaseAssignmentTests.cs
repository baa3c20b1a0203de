using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Cases.CaseTestData;

namespace Liwater.Dashboard.Tests.Data.Cases;

/// <summary>
/// Assigning a case to a named person (decision 0131): who may be named (the case-rights rule), who may name, what the
/// state machine does with it, and the command's rows — event, audit, change log, version — or its refusal.
/// </summary>
public sealed class CaseAssignmentTests : IAsyncLifetime, IDisposable
{
    private const long T0 = 1_700_000_000_000;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly CaseCommands commands;
    private readonly CaseQueries queries;

    public CaseAssignmentTests()
    {
        database = new TempDatabase(time);
        var clock = new TownClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        commands = new CaseCommands(database.Db, clock, new CaseOptions());
        queries = new CaseQueries(database.Db);
    }

    public async ValueTask InitializeAsync()
    {
        await SeedAsync(database.Db);
        await database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO users (id, username, display_name, password_hash, role, community_id, is_active, created_at) VALUES
                (71, 'steward-a', '李管家', 'x', 'property_steward', NULL, 1, 0),
                (72, 'steward-b', '王管家', 'x', 'property_steward', NULL, 1, 0),
                (73, 'staff-a', '张社工', 'x', 'community_staff', 901, 1, 0),
                (74, 'staff-b', '赵社工', 'x', 'community_staff', 902, 1, 0),
                (75, 'gone-a', '钱社工', 'x', 'community_staff', 901, 0, 0),
                (76, 'viewer', '孙观察', 'x', 'viewer', NULL, 1, 0),
                (77, 'chair', '周召集', 'x', 'chair', NULL, 1, 0);
            INSERT INTO user_compounds (user_id, compound_id) VALUES (71, 9101), (72, 9201);
            """,
            transaction: t));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    private static CaseRow Case(string level = CaseLevels.Compound, string status = CaseStatuses.Open) => new()
    {
        Id = 1, Code = "LS-2026-0001", CommunityId = CommunityA, CompoundId = CompoundA, Category = "other", Level = level, Status = status,
        SourceChannel = "hotline", OpenedAt = T0, LevelEnteredAt = T0, UpdatedAt = T0, Version = 1,
    };

    private static CaseAssignee Person(string role, long? community = null, string? compounds = null, bool active = true) =>
        new() { Id = 5, Username = "p", DisplayName = "某人", Role = role, CommunityId = community, CompoundList = compounds, IsActive = active };

    [Theory]
    [InlineData(Roles.PropertySteward, null, "9101", true, CaseLevels.Compound, null)]
    [InlineData(Roles.PropertySteward, null, "9201", true, CaseLevels.Compound, CaseErrors.AssigneeOtherCompound)]
    [InlineData(Roles.PropertySteward, null, "9101", true, CaseLevels.Community, CaseErrors.AssigneeStewardLevel)]
    [InlineData(Roles.CommunityStaff, CommunityA, null, true, CaseLevels.Town, null)]
    [InlineData(Roles.CommunityStaff, CommunityB, null, true, CaseLevels.Compound, CaseErrors.AssigneeOtherCommunity)]
    [InlineData(Roles.CommunityStaff, CommunityA, null, false, CaseLevels.Compound, CaseErrors.AssigneeInactive)]
    [InlineData(Roles.Chair, null, null, true, CaseLevels.Town, null)]
    [InlineData(Roles.Chair, null, null, true, CaseLevels.Community, CaseErrors.AssigneeChairTownOnly)]
    [InlineData(Roles.TownOffice, null, null, true, CaseLevels.Compound, null)]
    [InlineData(Roles.Viewer, null, null, true, CaseLevels.Town, CaseErrors.AssigneeRole)]
    [InlineData(Roles.Assessor, null, null, true, CaseLevels.Compound, CaseErrors.AssigneeRole)]
    public void AssigneeRefusal_PersonAndLevel_OnlyWhoCanWorkTheCase(string role, long? community, string? compounds, bool active, string level, string? expected)
    {
        var refusal = CaseAccess.AssigneeRefusal(Person(role, community, compounds, active), Case(level));

        Assert.Equal(expected, refusal?.Code);
        if (refusal is not null)
        {
            // The message names the person.
            Assert.Contains("某人", Words.Zh(refusal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AssigneeRefusal_NoSuchAccount_Missing() =>
        Assert.Equal(CaseErrors.AssigneeMissing, CaseAccess.AssigneeRefusal(null, Case())!.Code);

    [Theory]
    [InlineData(Roles.TownOffice, CaseLevels.Town, true)]
    [InlineData(Roles.CommunityStaff, CaseLevels.Community, true)]
    [InlineData(Roles.CommunityStaff, CaseLevels.Town, false)]
    [InlineData(Roles.Chair, CaseLevels.Town, true)]
    [InlineData(Roles.Chair, CaseLevels.Community, false)]
    [InlineData(Roles.PropertySteward, CaseLevels.Compound, true)]
    [InlineData(Roles.PropertySteward, CaseLevels.Community, false)]
    [InlineData(Roles.Viewer, CaseLevels.Compound, false)]
    public void CanAct_AssignPerson_WhoeverRunsTheLevel(string role, string level, bool expected)
    {
        var user = new ActingUser { Id = 9, Role = role, CommunityId = role == Roles.CommunityStaff ? CommunityA : null, CompoundIds = role == Roles.PropertySteward ? [CompoundA] : [] };

        Assert.Equal(expected, CaseAccess.CanAct(user, Case(level), CaseActionKind.AssignPerson));
    }

    [Fact]
    public void Apply_AssignPerson_KeepsStatusAndMarksAndEscalationClearsIt()
    {
        var (assigned, _) = CaseStateMachine.Apply(Case(), new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = 71 }, T0 + 5);
        var (escalated, _) = CaseStateMachine.Apply(assigned!.After, new CaseAction { Kind = CaseActionKind.Escalate, Body = "上报" }, T0 + 9);
        var (onClosed, error) = CaseStateMachine.Apply(Case(status: CaseStatuses.Closed), new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = 71 }, T0 + 5);

        Assert.Equal((71L, CaseStatuses.Open, (long?)null, CaseEventKinds.AssignedPerson), (assigned.After.AssigneeId, assigned.After.Status, assigned.After.RepliedAt, assigned.EventKind));
        Assert.Null(escalated!.After.AssigneeId);
        Assert.Null(onClosed);
        Assert.Equal(CaseErrors.StateClosed, error!.Code);
    }

    [Fact]
    public async Task ApplyAsync_AssignSteward_WritesAssigneeEventAuditChangeLogAndVersion()
    {
        var created = await commands.CreateAsync(StaffA, Input());
        var changesBefore = await Count("SELECT COUNT(*) FROM change_log");

        var result = await commands.ApplyAsync(StaffA, created.CaseId!.Value, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = 71 });

        Assert.Equal(CaseOutcome.Ok, result.Outcome);
        var (detail, _) = await queries.GetAsync(StaffA, created.CaseId.Value);
        Assert.Equal((71L, "李管家", 2L), (detail!.Case.AssigneeId!.Value, detail.Case.AssigneeName!, detail.Case.Version));
        var e = detail.Events[^1];
        Assert.Equal(CaseEventKinds.AssignedPerson, e.Kind);
        Assert.Contains("\"person\":\"李管家\"", e.Data!, StringComparison.Ordinal);
        Assert.Equal(1, await Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.assignperson' AND outcome = 'ok' AND after LIKE '%李管家%'"));
        Assert.Equal(changesBefore + 1, await Count("SELECT COUNT(*) FROM change_log"));
        Assert.Equal(1, await Count($"SELECT COUNT(*) FROM change_log WHERE kind = '{ChangeKinds.CaseUpdated}' AND entity_id = {created.CaseId.Value}"));
    }

    [Theory]
    [InlineData(72L, CaseErrors.AssigneeOtherCompound)]
    [InlineData(74L, CaseErrors.AssigneeOtherCommunity)]
    [InlineData(75L, CaseErrors.AssigneeInactive)]
    [InlineData(76L, CaseErrors.AssigneeRole)]
    [InlineData(999L, CaseErrors.AssigneeMissing)]
    public async Task ApplyAsync_PersonWhoCannotWorkTheCase_InvalidWithCodeAndNothingWritten(long personId, string code)
    {
        var created = await commands.CreateAsync(StaffA, Input());

        var result = await commands.ApplyAsync(StaffA, created.CaseId!.Value, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = personId });

        Assert.Equal((CaseOutcome.Invalid, code), (result.Outcome, result.Error!.Code));
        Assert.Equal(code, result.Errors[nameof(CaseAction.PersonId)].Code);
        Assert.Equal((1L, 0L), (await Count("SELECT version FROM cases"), await Count("SELECT COUNT(*) FROM case_events WHERE kind = 'assigned_person'")));
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM cases WHERE assignee_id IS NOT NULL"));
    }

    [Fact]
    public async Task ApplyAsync_StaleVersion_ConflictAndAssigneeUnchanged()
    {
        var created = await commands.CreateAsync(StaffA, Input());
        Assert.True((await commands.ApplyAsync(StaffA, created.CaseId!.Value, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = 71 })).Succeeded);

        var stale = await commands.ApplyAsync(Town, created.CaseId.Value, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = 73 });

        Assert.Equal(CaseOutcome.Conflict, stale.Outcome);
        Assert.Equal(71, await Count("SELECT assignee_id FROM cases"));
    }

    [Fact]
    public async Task ApplyAsync_ClearAndEscalate_NoAssigneeLeft()
    {
        var created = await commands.CreateAsync(StaffA, Input());
        var id = created.CaseId!.Value;
        Assert.True((await commands.ApplyAsync(StaffA, id, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = 73 })).Succeeded);
        Assert.True((await commands.ApplyAsync(StaffA, id, 2, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = null })).Succeeded);
        Assert.Equal(0, await Count("SELECT COUNT(*) FROM cases WHERE assignee_id IS NOT NULL"));
        Assert.True((await commands.ApplyAsync(StaffA, id, 3, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = 71 })).Succeeded);

        Assert.True((await commands.ApplyAsync(StaffA, id, 4, new CaseAction { Kind = CaseActionKind.Escalate, Body = "需社区协调" })).Succeeded);

        Assert.Equal(0, await Count("SELECT COUNT(*) FROM cases WHERE assignee_id IS NOT NULL"));
    }

    [Fact]
    public async Task ListAssigneesAsync_CompoundCase_StewardOfCompoundStaffOfCommunityAndTownOfficeOnly()
    {
        var created = await commands.CreateAsync(StaffA, Input());
        var (detail, _) = await queries.GetAsync(StaffA, created.CaseId!.Value);

        var people = await queries.ListAssigneesAsync(StaffA, detail!.Case);
        var forViewer = await queries.ListAssigneesAsync(Viewer, detail.Case);

        Assert.Equal(["张社工", "李管家"], people.Select(p => p.DisplayName).Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(forViewer);
    }

    [Fact]
    public async Task ListAsync_AssigneeFilter_OnlyThatPersonsCases()
    {
        var first = (await commands.CreateAsync(StaffA, Input())).CaseId!.Value;
        await commands.CreateAsync(StaffA, Input());
        Assert.True((await commands.ApplyAsync(StaffA, first, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = 71 })).Succeeded);

        var page = await queries.ListAsync(Town, new CaseFilter { AssigneeId = 71 });

        Assert.Equal(first, Assert.Single(page.Items).Id);
    }

    private Task<long> Count(string sql) => database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(sql));
}
