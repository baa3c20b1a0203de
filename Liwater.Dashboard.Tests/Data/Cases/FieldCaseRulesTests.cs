using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;

namespace Liwater.Dashboard.Tests.Data.Cases;

/// <summary>The field additions to the case rules: spam and photo steps, the property steward and the resident channel.</summary>
public sealed class FieldCaseRulesTests
{
    private const long T0 = 1_700_000_000_000;

    private static CaseRow Case(string level = CaseLevels.Compound, string status = CaseStatuses.Open, long compoundId = 7, string channel = "hotline") => new()
    {
        Id = 1, Code = "LS-2026-0001", CommunityId = 2, CompoundId = compoundId, Category = "other", Level = level, Status = status,
        SourceChannel = channel, OpenedAt = T0, LevelEnteredAt = T0, UpdatedAt = T0, Version = 1,
    };

    private static ActingUser Steward => new() { Id = 9, Username = "s", Role = Roles.PropertySteward, CompoundIds = [7] };

    [Fact]
    public void Apply_MarkSpamOnActiveCase_SpamStatusThatAllowsNothingMore()
    {
        var (t, _) = CaseStateMachine.Apply(Case(), new CaseAction { Kind = CaseActionKind.MarkSpam }, T0 + 5);

        Assert.Equal((CaseStatuses.Spam, (long?)(T0 + 5), "spam"), (t!.After.Status, t.After.ClosedAt, t.EventKind));
        Assert.False(CaseStatuses.IsActive(CaseStatuses.Spam));
        Assert.Empty(CaseStateMachine.Allowed(t.After));
    }

    [Fact]
    public void Apply_PhotoOnResolvedCase_KeepsStatusAndMarks()
    {
        var resolved = Case(status: CaseStatuses.Resolved) with { ResolvedAt = T0 + 1 };

        var (t, _) = CaseStateMachine.Apply(resolved, new CaseAction { Kind = CaseActionKind.Photo }, T0 + 9);

        Assert.Equal((CaseStatuses.Resolved, (long?)(T0 + 1), (long?)null, "photo"), (t!.After.Status, t.After.ResolvedAt, t.After.RepliedAt, t.EventKind));
    }

    [Theory]
    [InlineData(CaseActionKind.Reply, CaseLevels.Compound, 7, true)]
    [InlineData(CaseActionKind.Photo, CaseLevels.Compound, 7, true)]
    [InlineData(CaseActionKind.Resolve, CaseLevels.Compound, 7, true)]
    [InlineData(CaseActionKind.MarkSpam, CaseLevels.Compound, 7, true)]
    [InlineData(CaseActionKind.Escalate, CaseLevels.Compound, 7, true)]
    [InlineData(CaseActionKind.Cancel, CaseLevels.Compound, 7, false)]
    [InlineData(CaseActionKind.Reply, CaseLevels.Community, 7, false)]
    [InlineData(CaseActionKind.Reply, CaseLevels.Compound, 8, false)]
    public void CanAct_PropertySteward_OnlyCompoundLevelWorkOfOwnCompounds(CaseActionKind kind, string level, long compoundId, bool expected)
    {
        Assert.Equal(expected, CaseAccess.CanAct(Steward, Case(level, compoundId: compoundId), kind));
        Assert.Equal(compoundId == 7, CaseAccess.CanRead(Steward, Case(level, compoundId: compoundId)));
    }

    [Fact]
    public void CanActAndCreate_ResidentChannel_OnlyConfirmsQrReportsAndFilesCompoundLevelQrReports()
    {
        var resident = ActingUser.ResidentChannel;
        var qr = Case(status: CaseStatuses.Resolved, channel: CaseOptions.QrReportChannel);

        Assert.True(CaseAccess.CanAct(resident, qr, CaseActionKind.ConfirmUnsatisfied));
        Assert.False(CaseAccess.CanAct(resident, qr, CaseActionKind.Close));
        Assert.False(CaseAccess.CanAct(resident, Case(status: CaseStatuses.Resolved), CaseActionKind.ConfirmSatisfied));
        Assert.False(CaseAccess.CanRead(resident, qr));
        Assert.True(CaseAccess.CanCreate(resident, 2, new NewCase { SourceChannel = CaseOptions.QrReportChannel, Level = CaseLevels.Compound }));
        Assert.False(CaseAccess.CanCreate(resident, 2, new NewCase { SourceChannel = CaseOptions.QrReportChannel, Level = CaseLevels.Town }));
        Assert.False(CaseAccess.CanCreate(resident, 2, new NewCase { SourceChannel = "hotline", Level = CaseLevels.Compound }));
    }

    [Fact]
    public async Task Migration0014_WidenedChecks_AcceptSpamAndStewardStillRefuseUnknown()
    {
        using var temp = new TempDatabase();
        await temp.Db.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'c', '社区', 'C', 1)", transaction: t);
            await c.ExecuteAsync("INSERT INTO compounds (id, community_id, name) VALUES (1, 1, '小区')", transaction: t);
            await c.ExecuteAsync("INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES ('s', '管家', 'x', 'property_steward', 0)", transaction: t);
            await c.ExecuteAsync(
                """
                INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, level, status, opened_at, level_entered_at, updated_at)
                VALUES ('X-1', 1, 1, 'other', 't', 'd', 'qr_report', 'compound', 'spam', 0, 0, 0)
                """, transaction: t);
        });

        // SqliteException or PostgresException: the engine refuses, whichever runs the test.
        var unknownStatus = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => temp.Db.WriteAsync((c, t) =>
            c.ExecuteAsync("UPDATE cases SET status = 'deleted'", transaction: t)));
        var unknownRole = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => temp.Db.WriteAsync((c, t) =>
            c.ExecuteAsync("UPDATE users SET role = 'resident'", transaction: t)));

        Assert.Contains("CHECK", unknownStatus.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CHECK", unknownRole.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await temp.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases WHERE status = 'spam'")));
        if (!TestDatabases.IsPostgreSql)
        {
            Assert.Equal("ok", await temp.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("PRAGMA integrity_check")));
            Assert.Equal(0, await temp.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pragma_foreign_key_check")));
        }
    }
}
