using Dapper;
using Liwater.Dashboard.Jobs;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

public sealed class DeadlineWatchdogJobTests
{
    private const string OpenAtCommunity = "SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress') AND level = 'community'";

    private static DeadlineWatchdogJob Job(JobTestDatabase db, double overdueDays = 3)
    {
        var options = new JobsOptions();
        options.AutoEscalation.Add(new AutoEscalationRule { FromLevel = "community", ToLevel = "town", OverdueDays = overdueDays, NewDeadlineDays = 15 });
        return new DeadlineWatchdogJob(new AutoEscalation(db.Db), db.Clock, new FixedOptions<JobsOptions>(options), NullLogger<DeadlineWatchdogJob>.Instance);
    }

    [Fact]
    public async Task RunAsync_CommunityCasesOverdueByMoreThanTheRule_EnterTheJointMeetingQueueOnce()
    {
        using var db = await JobTestDatabase.CreateAsync();
        var open = await db.CountAsync(OpenAtCommunity);
        Assert.True(open > 0);
        // Ten days on, every open community case (7-day limit) is at least 3 days past its deadline.
        db.Clock.Advance(TimeSpan.FromDays(10));
        var now = db.Db.NowMs;

        var escalated = await Job(db).RunAsync();

        Assert.Equal(open, escalated.Count);
        Assert.Equal(0, await db.CountAsync(OpenAtCommunity));
        var ids = new { ids = escalated };
        Assert.Equal(open, await db.CountAsync("SELECT COUNT(*) FROM cases WHERE id IN @ids AND level = 'town' AND level_entered_at = @now AND assigned_unit_name = '镇联席会议'", new { ids = escalated, now }));
        Assert.Equal(open, await db.CountAsync(
            "SELECT COUNT(*) FROM case_events WHERE case_id IN @ids AND kind = 'escalated' AND actor = '系统' AND from_level = 'community' AND to_level = 'town' AND body LIKE '%自动提交镇联席会议%'", ids));
        Assert.Equal(open, await db.CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind AND entity_id IN @ids", new { kind = ChangeKinds.CaseEscalated, ids = escalated }));
    }

    [Fact]
    public async Task RunAsync_NotYetOverdueByTheMargin_LeavesTheCase()
    {
        using var db = await JobTestDatabase.CreateAsync();
        var due = await db.CountAsync(
            "SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress') AND level = 'community' AND due_at <= @cutoff",
            new { cutoff = db.Db.NowMs - (3 * 86_400_000L) });

        var escalated = await Job(db).RunAsync();

        Assert.Equal(due, escalated.Count);
        Assert.True(await db.CountAsync(OpenAtCommunity) > 0);
    }

    [Fact]
    public async Task RunAsync_Twice_ChangesNothingTheSecondTime()
    {
        using var db = await JobTestDatabase.CreateAsync();
        db.Clock.Advance(TimeSpan.FromDays(10));
        Assert.NotEmpty(await Job(db).RunAsync());
        var changes = await db.CountAsync("SELECT MAX(id) FROM change_log");
        var events = await db.CountAsync("SELECT COUNT(*) FROM case_events");

        db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await Job(db).RunAsync());

        Assert.Equal(changes, await db.CountAsync("SELECT MAX(id) FROM change_log"));
        Assert.Equal(events, await db.CountAsync("SELECT COUNT(*) FROM case_events"));
    }

    [Fact]
    public async Task RunAsync_CaseReturnedToCommunityAfterAutoEscalation_IsNotEscalatedAgain()
    {
        using var db = await JobTestDatabase.CreateAsync();
        db.Clock.Advance(TimeSpan.FromDays(10));
        var first = (await Job(db).RunAsync())[0];
        await db.Db.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE cases SET level = 'community', due_at = @due WHERE id = @id", new { id = first, due = db.Db.NowMs - 1 }, t));

        db.Clock.Advance(TimeSpan.FromDays(10));
        var second = await Job(db).RunAsync();

        Assert.DoesNotContain(first, second);
        Assert.Equal("community", await ScalarAsync(db, "SELECT level FROM cases WHERE id = @id", new { id = first }));
    }

    [Fact]
    public async Task RunAsync_NoRules_ChangesNothing()
    {
        using var db = await JobTestDatabase.CreateAsync();
        db.Clock.Advance(TimeSpan.FromDays(30));
        var job = new DeadlineWatchdogJob(new AutoEscalation(db.Db), db.Clock, new FixedOptions<JobsOptions>(new JobsOptions()), NullLogger<DeadlineWatchdogJob>.Instance);

        Assert.Empty(await job.RunAsync());
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind", new { kind = ChangeKinds.CaseEscalated }));
    }

    [Fact]
    public void Validate_RuleGoingDown_NamesTheKey()
    {
        var options = new JobsOptions();
        options.AutoEscalation.Add(new AutoEscalationRule { FromLevel = "town", ToLevel = "community" });

        Assert.Contains(options.Validate(), e => e.Contains("Liwater:Jobs:AutoEscalation:0", StringComparison.Ordinal));
    }

    private static async Task<string?> ScalarAsync(JobTestDatabase db, string sql, object args)
    {
        await using var connection = await db.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<string>(sql, args);
    }
}
