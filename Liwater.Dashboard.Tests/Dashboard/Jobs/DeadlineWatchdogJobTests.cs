using Liwater.Dashboard.Tests.Shared;
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
        options.AutoEscalation.Add(new AutoEscalationRule { FromLevel = "community", ToLevel = "town", OverdueDays = overdueDays });
        var cases = new CaseCommands(db.Db, db.Town, new CaseOptions());
        return new DeadlineWatchdogJob(cases, new AutoEscalation(db.Db, cases), new Liwater.Data.Notifications.DeadlineWarnings(db.Db, cases), new Liwater.Dashboard.Field.FieldOptions(), db.Clock, new FixedOptions<JobsOptions>(options), NullLogger<DeadlineWatchdogJob>.Instance);
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
        Assert.Equal(open, await db.CountAsync($"SELECT COUNT(*) FROM cases WHERE {TestDatabases.Dialect.InList("id", "@ids")} AND level = 'town' AND level_entered_at = @now", new { ids = escalated, now }));
        Assert.Equal(open, await db.CountAsync(
            $"SELECT COUNT(*) FROM case_events WHERE {TestDatabases.Dialect.InList("case_id", "@ids")} AND kind = 'escalated' AND actor = 'actor.system' AND user_id IS NULL AND from_level = 'community' AND to_level = 'town' AND data LIKE '%case.reason.auto_escalation%'", ids));
        // The demo load also logs the last day's escalations (for the ticker); count only the job's own rows.
        Assert.Equal(open, await db.CountAsync($"SELECT COUNT(*) FROM change_log WHERE kind = @kind AND {TestDatabases.Dialect.InList("entity_id", "@ids")} AND at >= @now", new { kind = ChangeKinds.CaseEscalated, ids = escalated, now }));
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
    public async Task RunAsync_ReturnedAfterAnEscalationStoredBeforeActorCodes_IsNotEscalatedAgain()
    {
        using var db = await JobTestDatabase.CreateAsync();
        db.Clock.Advance(TimeSpan.FromDays(10));
        var first = (await Job(db).RunAsync())[0];
        // A row written before actor names were codes holds the system's name in Chinese.
        await db.Db.WriteAsync((c, t) => c.ExecuteAsync(
            """
            UPDATE case_events SET actor = '系统' WHERE case_id = @id AND kind = 'escalated' AND user_id IS NULL;
            UPDATE cases SET level = 'community', due_at = @due WHERE id = @id;
            """, new { id = first, due = db.Db.NowMs - 1 }, t));

        db.Clock.Advance(TimeSpan.FromDays(10));
        var second = await Job(db).RunAsync();

        Assert.DoesNotContain(first, second);
        Assert.Equal("community", await ScalarAsync(db, "SELECT level FROM cases WHERE id = @id", new { id = first }));
    }

    [Fact]
    public async Task RunAsync_NoRules_EscalatesNothingButRecordsBreaches()
    {
        using var db = await JobTestDatabase.CreateAsync();
        db.Clock.Advance(TimeSpan.FromDays(30));
        var cases = new CaseCommands(db.Db, db.Town, new CaseOptions());
        var job = new DeadlineWatchdogJob(cases, new AutoEscalation(db.Db, cases), new Liwater.Data.Notifications.DeadlineWarnings(db.Db, cases), new Liwater.Dashboard.Field.FieldOptions(), db.Clock, new FixedOptions<JobsOptions>(new JobsOptions()), NullLogger<DeadlineWatchdogJob>.Instance);

        var now = db.Db.NowMs;
        Assert.Empty(await job.RunAsync());
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @kind AND at >= @now", new { kind = ChangeKinds.CaseEscalated, now }));
        Assert.Equal(
            await db.CountAsync("SELECT COUNT(*) FROM cases WHERE status IN ('open', 'in_progress')"),
            await db.CountAsync("SELECT COUNT(DISTINCT case_id) FROM case_breaches"));
    }

    [Fact]
    public async Task RunAsync_PropertyCaseOnAFakeClock_RecordsEachMinuteMarkOnceAsItPasses()
    {
        using var db = await JobTestDatabase.CreateAsync();
        var options = new JobsOptions();
        var cases = new CaseCommands(db.Db, db.Town, new CaseOptions());
        var job = new DeadlineWatchdogJob(cases, new AutoEscalation(db.Db, cases), new Liwater.Data.Notifications.DeadlineWarnings(db.Db, cases), new Liwater.Dashboard.Field.FieldOptions(), db.Clock, new FixedOptions<JobsOptions>(options), NullLogger<DeadlineWatchdogJob>.Instance);
        await job.RunAsync();
        var compoundId = await db.CountAsync("SELECT MIN(id) FROM compounds");
        var created = await cases.CreateAsync(AutoEscalation.System, new NewCase
        {
            CompoundId = compoundId, Category = "property_service", Title = "电梯异响", Description = "3 栋电梯运行有异响",
            SourceChannel = "steward_group", Level = CaseLevels.Compound,
        });
        Assert.True(created.Succeeded, created.Error?.ToString());
        var id = new { id = created.CaseId };
        const string Marks = "SELECT COUNT(*) FROM case_breaches WHERE case_id = @id";
        const string Events = "SELECT COUNT(*) FROM change_log WHERE kind = 'case.deadline_breached' AND entity_id = @id";

        var expected = new[] { (4, 0), (6, 1), (11, 2), (16, 3), (17, 3) };
        var elapsed = 0;
        foreach (var (minute, marks) in expected)
        {
            db.Clock.Advance(TimeSpan.FromMinutes(minute - elapsed));
            elapsed = minute;
            await job.RunAsync();
            await job.RunAsync();
            Assert.Equal(marks, await db.CountAsync(Marks, id));
            Assert.Equal(marks, await db.CountAsync(Events, id));
        }
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
