using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Notifications;
using Microsoft.Extensions.Time.Testing;
using static Liwater.Dashboard.Tests.Data.Cases.CaseTestData;

namespace Liwater.Dashboard.Tests.Data.Notifications;

/// <summary>
/// The notification reader on a real database written through the real case command: who gets what, the due-soon and
/// breach alerts on a fake clock, preferences and deliveries, and idempotency (a second pass, a restarted reader, a
/// cursor that fell behind produce nothing twice).
/// </summary>
public sealed class NotificationReaderTests : IAsyncLifetime, IDisposable
{
    private static readonly HashSet<string> Both = new([NotificationChannels.Email, NotificationChannels.Webhook], StringComparer.Ordinal);
    private static readonly HashSet<string> None = new(StringComparer.Ordinal);

    private static readonly ActingUser TownUser = new() { Id = 201, Username = "n-town", DisplayName = "城治办甲", Role = Roles.TownOffice, Version = 1 };
    private static readonly ActingUser ChairUser = new() { Id = 202, Username = "n-chair", DisplayName = "召集人甲", Role = Roles.Chair, Version = 1 };
    private static readonly ActingUser StaffUser = new() { Id = 203, Username = "n-staff", DisplayName = "社工甲", Role = Roles.CommunityStaff, CommunityId = CommunityA, Version = 1 };
    private static readonly ActingUser StewardUser = new() { Id = 204, Username = "n-steward", DisplayName = "管家甲", Role = Roles.PropertySteward, CompoundIds = [CompoundA], Version = 1 };

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase database;
    private readonly CaseCommands cases;
    private readonly NotificationCommands notifications;

    public NotificationReaderTests()
    {
        database = new TempDatabase(time);
        var clock = new TownClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        cases = new CaseCommands(database.Db, clock, new CaseOptions());
        notifications = new NotificationCommands(database.Db, clock);
    }

    private Db Db => database.Db;

    public async ValueTask InitializeAsync()
    {
        await SeedAsync(Db);
        await Db.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO users (id, username, display_name, password_hash, role, community_id, created_at) VALUES
                (201, 'n-town', '城治办甲', 'x', 'town_office', NULL, 0),
                (202, 'n-chair', '召集人甲', 'x', 'chair', NULL, 0),
                (203, 'n-staff', '社工甲', 'x', 'community_staff', 901, 0),
                (204, 'n-steward', '管家甲', 'x', 'property_steward', NULL, 0),
                (205, 'n-staff-b', '社工乙', 'x', 'community_staff', 902, 0),
                (206, 'n-viewer', '观察员甲', 'x', 'viewer', NULL, 0);
            INSERT INTO user_compounds (user_id, compound_id) VALUES (204, 9101);
            """,
            transaction: t));
        await Reader().RunAsync(None); // the first pass places the cursor at the end of the log
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task RunAsync_FirstPassOnALogWithHistory_StartsAtItsEnd()
    {
        using var fresh = new TempDatabase(time);
        await SeedAsync(fresh.Db);
        var clock = new TownClock(time, TimeZoneInfo.Utc);
        await new CaseCommands(fresh.Db, clock, new CaseOptions()).CreateAsync(StaffA, Input());

        var first = await new NotificationReader(fresh.Db).RunAsync(Both);

        Assert.Equal(0, first.Notifications);
        Assert.Equal(await fresh.Db.ReadAsync(ChangeLog.LastIdAsync), await fresh.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT last_change_id FROM notification_cursor")));
    }

    [Fact]
    public async Task RunAsync_CaseOpenedByStaff_TellsTheStewardOfTheCompoundNotTheActor()
    {
        var created = await cases.CreateAsync(StaffUser, Input());

        var batch = await Reader().RunAsync(None);

        Assert.Equal(1, batch.Notifications);
        var rows = await Notifications();
        var n = Assert.Single(rows);
        Assert.Equal((204L, NotificationKinds.CaseOpened, created.CaseId), (n.UserId, n.Kind, n.CaseId));
        Assert.StartsWith("LS-2026-0001 ", n.Summary, StringComparison.Ordinal);
        Assert.Null(n.ReadAt);
        // The bell of user 204 is woken through the change log.
        Assert.Equal(1, await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log WHERE kind = 'notification.created' AND entity = 'user' AND entity_id = 204")));
    }

    [Fact]
    public async Task RunAsync_SecondPassRestartedReaderAndCursorBehind_WriteNothingTwice()
    {
        await SetPreferencesAsync(StewardUser, email: "steward@example.cn", channels: [NotificationChannels.Email, NotificationChannels.Webhook]);
        var cursorBefore = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT last_change_id FROM notification_cursor"));
        await cases.CreateAsync(StaffUser, Input());
        var first = await Reader().RunAsync(Both);
        Assert.Equal(2, first.Deliveries.Count); // e-mail and webhook for the steward

        var again = await Reader().RunAsync(Both);
        // A node that crashed before its cursor moved, or a second node behind: it re-reads the same changes.
        await Db.WriteAsync((c, t) => c.ExecuteAsync("UPDATE notification_cursor SET last_change_id = @cursorBefore", new { cursorBefore }, t));
        var restarted = await new NotificationReader(Db).RunAsync(Both);

        Assert.Equal((0, 0), (again.Notifications, again.Deliveries.Count));
        Assert.Equal((0, 0), (restarted.Notifications, restarted.Deliveries.Count));
        Assert.Single(await Notifications());
        Assert.Equal(2, await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notification_deliveries")));
    }

    [Fact]
    public async Task RunAsync_OutboundChannels_OnlyThoseChosenConfiguredAndAddressed()
    {
        await SetPreferencesAsync(StewardUser, email: null, channels: [NotificationChannels.Email, NotificationChannels.Webhook]);
        await SetPreferencesAsync(StaffUser, email: "staff@example.cn", channels: [NotificationChannels.Email], digest: true);
        await cases.CreateAsync(TownUser, Input());

        // Only the webhook is configured; the steward has no address anyway; the staff member takes a digest instead.
        var batch = await Reader().RunAsync(new HashSet<string>([NotificationChannels.Webhook], StringComparer.Ordinal));

        Assert.Equal(2, batch.Notifications);
        var deliveries = await Db.ReadAsync(c => c.QueryAsync<(long UserId, string Channel, string Status)>("SELECT user_id, channel, status FROM notification_deliveries"));
        Assert.Equal([(204L, "webhook", "pending")], deliveries);
    }

    [Fact]
    public async Task RunAsync_InAppOff_StoredAsReadSoTheBellStaysQuiet()
    {
        await notifications.SavePreferencesAsync(StewardUser, new NotificationPreferences
        {
            Choices = new Dictionary<string, bool> { [NotificationPreferences.Key(NotificationKinds.CaseOpened, NotificationChannels.InApp)] = false },
        });
        await cases.CreateAsync(StaffUser, Input());

        await Reader().RunAsync(None);

        var inbox = await new NotificationQueries(Db).InboxAsync(204, 8);
        Assert.Equal(0, inbox.Unread);
        Assert.NotNull(Assert.Single(inbox.Latest).ReadAt);
    }

    [Fact]
    public async Task DueSoonAndBreach_OnTheWatchdogClock_AlertOnceEachWithTheMark()
    {
        var warnings = new DeadlineWarnings(Db, cases);
        var lead = 2 * 60_000L;
        var created = await cases.CreateAsync(TownUser, Input("property_service")); // reply mark 5 min after opening
        await Reader().RunAsync(None);
        var opened = time.GetUtcNow();

        time.SetUtcNow(opened.AddSeconds(150)); // reply due in 2:30: not yet
        Assert.Equal(0, await warnings.RecordDueSoonAsync(Db.NowMs, lead));
        time.SetUtcNow(opened.AddSeconds(210)); // due in 1:30
        Assert.Equal(1, await warnings.RecordDueSoonAsync(Db.NowMs, lead));
        time.SetUtcNow(opened.AddSeconds(240));
        Assert.Equal(0, await warnings.RecordDueSoonAsync(Db.NowMs, lead)); // the same mark is not warned twice
        await Reader().RunAsync(None);

        time.SetUtcNow(opened.AddSeconds(301)); // the reply mark passed unmet
        await cases.RecordBreachesAsync(Db.NowMs);
        await Reader().RunAsync(None);

        var rows = (await Notifications()).Where(n => n.Kind != NotificationKinds.CaseOpened).Select(n => (n.UserId, n.Kind, n.Mark, n.CaseId)).ToList();
        Assert.Equal(
            [
                (203L, NotificationKinds.DueSoon, (string?)DeadlinePolicy.Reply, created.CaseId), (204L, NotificationKinds.DueSoon, DeadlinePolicy.Reply, created.CaseId),
                (203L, NotificationKinds.Breached, DeadlinePolicy.Reply, created.CaseId), (204L, NotificationKinds.Breached, DeadlinePolicy.Reply, created.CaseId),
            ],
            rows);
        // The alert came 90 s before the mark: the lead time, less the watchdog's one-minute step.
        var warnedAt = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT due_at - recorded_at FROM case_due_warnings"));
        Assert.Equal(90_000, warnedAt);
    }

    [Fact]
    public async Task RunAsync_StewardEscalates_CommunityStaffToldThenTownOnTheNextStep()
    {
        var created = await cases.CreateAsync(StaffUser, Input());
        await Reader().RunAsync(None);

        var up = await cases.ApplyAsync(StewardUser, created.CaseId!.Value, 1, new CaseAction { Kind = CaseActionKind.Escalate, Body = "需社区协调" });
        Assert.True(up.Succeeded);
        await Reader().RunAsync(None);
        var upAgain = await cases.ApplyAsync(StaffUser, created.CaseId.Value, up.Version!.Value, new CaseAction { Kind = CaseActionKind.Escalate, Body = "提交联席会议" });
        Assert.True(upAgain.Succeeded);
        await Reader().RunAsync(None);

        var escalated = (await Notifications()).Where(n => n.Kind == NotificationKinds.Escalated).Select(n => n.UserId).ToList();
        Assert.Equal([203L, 201L, 202L], escalated);
    }

    [Fact]
    public async Task ClaimFailedSent_BackOffDoublesThenGivesUpVisibly()
    {
        await SetPreferencesAsync(StewardUser, email: "s@example.cn", channels: [NotificationChannels.Email]);
        await cases.CreateAsync(StaffUser, Input());
        var id = Assert.Single((await Reader().RunAsync(Both)).Deliveries);
        var now = Db.NowMs;

        Assert.True(await notifications.ClaimAsync(id, now, now - 600_000));
        Assert.False(await notifications.ClaimAsync(id, now, now - 600_000)); // a second sender gets nothing
        var first = await notifications.FailedAsync(id, "451 try later", now, maxAttempts: 3, baseDelayMs: 1000);
        Assert.False(await notifications.ClaimAsync(id, now + 999, now - 600_000)); // not due yet
        Assert.True(await notifications.ClaimAsync(id, now + 1000, now - 600_000));
        var second = await notifications.FailedAsync(id, "451 try later", now + 1000, maxAttempts: 3, baseDelayMs: 1000);
        Assert.True(await notifications.ClaimAsync(id, now + 3000, now - 600_000));
        var third = await notifications.FailedAsync(id, "550 no such user", now + 3000, maxAttempts: 3, baseDelayMs: 1000);

        Assert.Equal(new DeliveryFailure(1, now + 1000), first);
        Assert.Equal(new DeliveryFailure(2, now + 3000), second);
        Assert.Equal(new DeliveryFailure(3, null), third);
        var (counts, rows) = await new NotificationQueries(Db).DeliveriesAsync(DeliveryStatuses.Failed, 10);
        Assert.Equal(1, counts.Failed);
        Assert.Equal("550 no such user", Assert.Single(rows).LastError);
        Assert.Equal(NotificationErrors.RetryTownOffice, (await notifications.RetryNowAsync(StaffUser, id))!.Code);
        Assert.Null(await notifications.RetryNowAsync(TownUser, id));
        Assert.True(await notifications.ClaimAsync(id, Db.NowMs, 0));
        await notifications.SentAsync(id, Db.NowMs);
        Assert.Equal(1, (await new NotificationQueries(Db).DeliveriesAsync(null, 10)).Counts.Sent);
    }

    [Fact]
    public async Task WriteDigestsAsync_OnePerUserAndDayHoweverOftenItRuns()
    {
        await SetPreferencesAsync(StewardUser, email: "s@example.cn", channels: [NotificationChannels.Email], digest: true);
        await cases.CreateAsync(StaffUser, Input());
        await cases.CreateAsync(StaffUser, Input());
        Assert.Empty((await Reader().RunAsync(Both)).Deliveries); // digest users get no message per event

        var first = await notifications.WriteDigestsAsync(Db.NowMs);
        var second = await notifications.WriteDigestsAsync(Db.NowMs + 60_000);

        Assert.Single(first);
        Assert.Empty(second);
        var items = await new NotificationQueries(Db).ForDigestAsync(204, Db.NowMs - 86_400_000, Db.NowMs);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public async Task SavePreferencesAsync_BadAddress_RefusedAndNothingSaved()
    {
        var errors = await notifications.SavePreferencesAsync(StewardUser, new NotificationPreferences { Email = "not an address" });

        Assert.Equal(NotificationErrors.EmailInvalid, errors["Email"].Code);
        Assert.Null((await new NotificationQueries(Db).PreferencesAsync(204)).Email);
    }

    private NotificationReader Reader() => new(Db);

    private Task<IReadOnlyList<NotificationRow>> Notifications() =>
        Db.ReadAsync<IReadOnlyList<NotificationRow>>(async c => (await c.QueryAsync<NotificationRow>(
            "SELECT id, change_id, user_id, kind, case_id, mark, summary, created_at, read_at FROM notifications ORDER BY id")).AsList());

    private async Task SetPreferencesAsync(ActingUser user, string? email, string[] channels, bool digest = false)
    {
        var choices = NotificationKinds.All.SelectMany(k => channels.Select(ch => NotificationPreferences.Key(k, ch))).ToDictionary(k => k, _ => true);
        Assert.Empty(await notifications.SavePreferencesAsync(user, new NotificationPreferences { Email = email, Digest = digest, Choices = choices }));
    }
}
