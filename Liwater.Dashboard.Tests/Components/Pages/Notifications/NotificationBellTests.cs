using System.Security.Claims;
using Bunit;
using Dapper;
using Liwater.Dashboard.Components.Pages.Notifications;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Notifications;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Tests.Components.Pages.Notifications;

/// <summary>The bell over a real database: the unread count from rows, live re-counts for this user only, mark all read.</summary>
public sealed class NotificationBellTests : BunitTestBase, IAsyncLifetime
{
    private const long Me = 204;
    private readonly TempDatabase database = new();
    private readonly ManualLiveFeed feed = new();

    public NotificationBellTests()
    {
        var clock = new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Services.AddSingleton(database.Db);
        Services.AddSingleton(clock);
        Services.AddSingleton<ILiveFeed>(feed);
        Services.AddSingleton(Options.Create(new NotificationOptions()));
        Services.AddSingleton<NotificationQueries>();
        Services.AddSingleton<NotificationCommands>();
        Services.AddSingleton<NotificationMessages>();
    }

    public async ValueTask InitializeAsync()
    {
        await Data.Cases.CaseTestData.SeedAsync(database.Db);
        await database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO users (id, username, display_name, password_hash, role, community_id, created_at) VALUES
                (204, 'n-steward', '管家甲', 'x', 'property_steward', NULL, 0), (205, 'n-other', '管家乙', 'x', 'property_steward', NULL, 0);
            """,
            transaction: t));
        await AddAsync(Me, "due_soon", "reply", read: false);
        await AddAsync(Me, "breached", "reply", read: false);
        await AddAsync(Me, "case_opened", null, read: true);
        await AddAsync(205, "case_opened", null, read: false);
    }

    public new ValueTask DisposeAsync()
    {
        database.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public void Bell_TwoUnreadOfMine_ShowsTwo()
    {
        SignIn(Me);

        var bell = RenderLoadedBell();

        Assert.Contains("2", bell.Find(".mud-badge").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bell_NotificationCreated_RecountsForMeOnly()
    {
        SignIn(Me);
        var bell = RenderLoadedBell();
        await AddAsync(Me, "escalated", null, read: false);

        // Another user's notification is not this bell's business: no re-read.
        await feed.PublishAsync([Change(10, 205)]);
        await Task.Delay(100);
        Assert.Equal("2", bell.Find("[data-testid=bell-count]").TextContent);

        await feed.PublishAsync([Change(11, Me)]);
        bell.WaitForAssertion(() => Assert.Equal("3", bell.Find("[data-testid=bell-count]").TextContent));
    }

    [Fact]
    public async Task Bell_MarkAllRead_CountZeroAndRowsRead()
    {
        SignIn(Me);
        var popovers = Render<MudBlazor.MudPopoverProvider>(); // the panel renders there
        var bell = RenderLoadedBell();

        bell.Find("button[data-testid=bell-button]").Click();
        popovers.WaitForAssertion(() => Assert.Equal(3, popovers.FindAll("[data-testid=bell-item]").Count));
        Assert.Equal(2, popovers.FindAll("[data-testid=bell-item].unread").Count);
        Assert.Contains("时限：回复", popovers.FindAll("[data-testid=bell-item]")[^1].TextContent, StringComparison.Ordinal); // oldest: the due-soon one
        popovers.Find("button[data-testid=bell-mark-all]").Click();

        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("[data-testid=bell-count]").TextContent));
        Assert.Equal(0, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE user_id = 204 AND read_at IS NULL")));
        Assert.Equal(1, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE user_id = 205 AND read_at IS NULL")));
    }

    [Fact]
    public void Bell_NotSignedIn_RendersNothing()
    {
        AddAuthorization();

        var bell = Render<NotificationBell>();

        Assert.Empty(bell.FindAll("[data-testid=notification-bell]"));
    }

    private static ChangeEntry Change(long id, long userId) =>
        new() { Id = id, Kind = ChangeKinds.NotificationCreated, Entity = "user", EntityId = userId };

    private void SignIn(long userId) =>
        AddAuthorization().SetAuthorized("n-steward").SetRoles(Roles.PropertySteward).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, userId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(Liwater.Dashboard.Auth.CurrentUser.VersionClaim, "1"));

    private Task<int> AddAsync(long userId, string kind, string? mark, bool read) =>
        database.Db.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO notifications (change_id, user_id, kind, case_id, mark, summary, created_at, read_at)
            VALUES ((SELECT COALESCE(MAX(change_id), 0) + 1 FROM notifications), @userId, @kind, NULL, @mark, 'LS-2026-0001 外墙瓷砖脱落', 1772400000000, @readAt)
            """,
            new { userId, kind, mark, readAt = read ? 1772400000000 : (long?)null }, t));

    // The bell with its first count read (on a server database the count arrives after the first render): two unread.
    private IRenderedComponent<NotificationBell> RenderLoadedBell()
    {
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid=bell-count]").TextContent));
        return bell;
    }
}
