using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Councils;
using Liwater.Data.Database;
using Liwater.Data.Demo;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Data.Councils;

/// <summary>Each test uses its own fresh demo database, since the tests change motions.</summary>
public sealed class CouncilCommandsTests : IAsyncLifetime, IDisposable
{
    // The town office may record council work in every community.
    private static readonly ActingUser Clerk = new() { Id = 0, Username = "clerk", DisplayName = "城治办", Role = Roles.TownOffice };

    private readonly TempDatabase database = new(demo: true);
    private CouncilCommands commands = null!;

    public async ValueTask InitializeAsync()
    {
        await DemoDataLoader.LoadIfEmptyAsync(database.Db);
        commands = new CouncilCommands(database.Db, new CouncilOptions(), new CaseCommands(database.Db, new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")), new CaseOptions()));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task CastVote_StaffOfAnotherCommunity_RefusedAuditedAndNothingStored()
    {
        var motion = await OpenMotionAsync();
        var rep = await ScalarAsync<long>("SELECT id FROM council_representatives WHERE council_id = @c AND is_active = 1 LIMIT 1", new { c = motion.CouncilId });
        var community = await ScalarAsync<long>("SELECT p.community_id FROM councils k JOIN compounds p ON p.id = k.compound_id WHERE k.id = @c", new { c = motion.CouncilId });
        var stranger = new ActingUser { Id = 0, Username = "stranger", Role = Roles.CommunityStaff, CommunityId = community + 1 };
        var own = stranger with { Username = "own", CommunityId = community };
        var before = await VoteCountAsync();

        var e = await Assert.ThrowsAsync<CouncilAccessDeniedException>(() => commands.CastVoteAsync(stranger, motion.Id, rep, "for"));
        await Assert.ThrowsAsync<CouncilAccessDeniedException>(() => commands.CastVoteAsync(stranger with { Role = Roles.Viewer }, motion.Id, rep, "for"));

        Assert.Equal(CouncilErrors.Refused, e.Error.Code);
        Assert.Equal(before, await VoteCountAsync());
        Assert.Equal(2, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'council.vote' AND outcome = 'refused'", new { }));
        await commands.CastVoteAsync(own, motion.Id, rep, "for");
        Assert.Equal(before + 1, await VoteCountAsync());
    }

    [Fact]
    public async Task CastVote_NotRepresentativeOfCouncil_IsRefusedAndNothingStored()
    {
        var motion = await OpenMotionAsync();
        var outsider = await ScalarAsync<long>("SELECT id FROM council_representatives WHERE council_id <> @c LIMIT 1", new { c = motion.CouncilId });
        var before = await VoteCountAsync();
        var e = await Assert.ThrowsAsync<CouncilRefusedException>(() => commands.CastVoteAsync(Clerk, motion.Id, outsider, "for"));
        Assert.Contains("不是本议事会的议事代表", Words.Zh(e.Error), StringComparison.Ordinal);
        Assert.Equal(before, await VoteCountAsync());
    }

    [Fact]
    public async Task CastVote_SecondVoteBySamePerson_IsRefusedAndFirstVoteKept()
    {
        var motion = await OpenMotionAsync();
        var rep = await ActiveRepresentativeAsync(motion.CouncilId);
        await commands.CastVoteAsync(Clerk, motion.Id, rep, "for");
        var e = await Assert.ThrowsAsync<CouncilRefusedException>(() => commands.CastVoteAsync(Clerk, motion.Id, rep, "against"));
        Assert.Contains("已对该议案投过票", Words.Zh(e.Error), StringComparison.Ordinal);
        Assert.Equal("for", await ScalarAsync<string>("SELECT choice FROM votes WHERE motion_id = @m AND representative_id = @r", new { m = motion.Id, r = rep }));
    }

    [Fact]
    public async Task CloseMotion_ComputesResult_ThenVotesAndSecondCloseAreRefused()
    {
        var motion = await OpenMotionAsync();
        var reps = (await QueryAsync<long>("SELECT id FROM council_representatives WHERE council_id = @c AND is_active = 1", new { c = motion.CouncilId })).ToList();
        foreach (var rep in reps.Take((reps.Count / 2) + 1))
        {
            await commands.CastVoteAsync(Clerk, motion.Id, rep, "for");
        }

        var result = await commands.CloseMotionAsync(Clerk, motion.Id, 1);

        Assert.Equal(MotionResult.Passed, result);
        Assert.Equal("passed", await ScalarAsync<string>("SELECT result FROM motions WHERE id = @id", new { id = motion.Id }));
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM change_log WHERE kind = @k AND entity_id = @id", new { k = ChangeKinds.MotionClosed, id = motion.Id }));
        var late = await Assert.ThrowsAsync<CouncilRefusedException>(() => commands.CastVoteAsync(Clerk, motion.Id, reps[^1], "against"));
        Assert.Contains("已表决结束", Words.Zh(late.Error), StringComparison.Ordinal);
        await Assert.ThrowsAsync<CouncilRefusedException>(() => commands.CloseMotionAsync(Clerk, motion.Id, 2));
        Assert.Equal("passed", await ScalarAsync<string>("SELECT result FROM motions WHERE id = @id", new { id = motion.Id }));
    }

    [Fact]
    public async Task CloseMotion_RaisedFromCase_WritesResultOntoCaseTimeline()
    {
        var motion = await OpenMotionAsync();
        var caseRow = await database.Db.ReadAsync(c => c.QueryFirstAsync<(long Id, long Version)>(
            "SELECT c.id, c.version FROM cases c JOIN councils k ON k.compound_id = c.compound_id WHERE k.id = @k LIMIT 1", new { k = motion.CouncilId }));
        var meeting = await ScalarAsync<long>("SELECT council_meeting_id FROM motions WHERE id = @id", new { id = motion.Id });
        var raised = await commands.RaiseMotionAsync(Clerk, meeting, "关于诉求处理方案的议案", null, caseRow.Id);

        var result = await commands.CloseMotionAsync(Clerk, raised, 1);

        Assert.Equal(MotionResult.NoQuorum, result);
        var data = await ScalarAsync<string>("SELECT data FROM case_events WHERE case_id = @c AND kind = 'motion_result'", new { c = caseRow.Id });
        using var json = System.Text.Json.JsonDocument.Parse(data);
        Assert.Contains("未达法定人数", Words.Zh(DataError.FromJson(json.RootElement.GetProperty("reason"))), StringComparison.Ordinal);
        Assert.Equal("no_quorum", json.RootElement.GetProperty("result").GetString());
        Assert.Equal(caseRow.Version + 1, await ScalarAsync<long>("SELECT version FROM cases WHERE id = @c", new { c = caseRow.Id }));
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM change_log WHERE kind = @k AND entity_id = @c", new { k = ChangeKinds.CaseUpdated, c = caseRow.Id }));
    }

    [Fact]
    public async Task CloseMotion_RaisedFromCase_WrittenThroughTheCaseCommandWithAuditAndLifeCycle()
    {
        var motion = await OpenMotionAsync();
        var caseRow = await database.Db.ReadAsync(c => c.QueryFirstAsync<(long Id, string Status)>(
            "SELECT c.id, c.status FROM cases c JOIN councils k ON k.compound_id = c.compound_id WHERE k.id = @k LIMIT 1", new { k = motion.CouncilId }));
        // A freshly opened case (hand-set), so the life cycle's step is visible.
        await database.Db.WriteAsync((c, t) => c.ExecuteAsync("UPDATE cases SET status = 'open', resolved_at = NULL, closed_at = NULL WHERE id = @id", new { id = caseRow.Id }, t));
        var meeting = await ScalarAsync<long>("SELECT council_meeting_id FROM motions WHERE id = @id", new { id = motion.Id });
        var raised = await commands.RaiseMotionAsync(Clerk, meeting, "关于加装电梯的议案", null, caseRow.Id);

        await commands.CloseMotionAsync(Clerk, raised, 1);

        // The case command's audit row (before/after), the acting user as actor, and the life cycle: open → in progress.
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'case.motionresult' AND outcome = 'ok' AND entity_id = @c AND before IS NOT NULL", new { c = caseRow.Id }));
        Assert.Equal(Clerk.DisplayName, await ScalarAsync<string>("SELECT actor FROM case_events WHERE case_id = @c AND kind = 'motion_result'", new { c = caseRow.Id }));
        Assert.Equal(CaseStatuses.InProgress, await ScalarAsync<string>("SELECT status FROM cases WHERE id = @c", new { c = caseRow.Id }));
    }

    private async Task<(long Id, long CouncilId)> OpenMotionAsync() =>
        await database.Db.ReadAsync(c => c.QueryFirstAsync<(long Id, long CouncilId)>(
            "SELECT o.id, g.council_id FROM motions o JOIN council_meetings g ON g.id = o.council_meeting_id WHERE o.status = 'open' ORDER BY o.id LIMIT 1"));

    private Task<long> ActiveRepresentativeAsync(long councilId) =>
        ScalarAsync<long>("SELECT id FROM council_representatives WHERE council_id = @c AND is_active = 1 LIMIT 1", new { c = councilId });

    private Task<long> VoteCountAsync() => ScalarAsync<long>("SELECT COUNT(*) FROM votes", null);

    private Task<T> ScalarAsync<T>(string sql, object? args) => database.Db.ReadAsync(c => c.ExecuteScalarAsync<T>(sql, args))!;

    private Task<IEnumerable<T>> QueryAsync<T>(string sql, object? args) => database.Db.ReadAsync(c => c.QueryAsync<T>(sql, args));
}
