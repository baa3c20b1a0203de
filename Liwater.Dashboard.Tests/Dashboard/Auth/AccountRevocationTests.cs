using System.Diagnostics;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Dashboard.Auth;

/// <summary>
/// Issue 11 item 1: an account that is deactivated, demoted or has its password reset loses its rights in every open
/// page within the revalidation interval (5 s by default, at most 10 s), and the data layer refuses its writes at once.
/// </summary>
/// <remarks>
/// One app for the class: each test revokes an account of its own (and the admin it acts as is only read), so no test
/// sees another's change.
/// </remarks>
[Collection(AppCollection.Name)]
public sealed class AccountRevocationTests(AccountRevocationTests.App app, BrowserFixture browser)
    : IClassFixture<AccountRevocationTests.App>, IClassFixture<BrowserFixture>
{
    private const string Password = "test-password-1";

    public sealed class App : LiwaterAppFactory;

    private Db Db => app.Services.GetRequiredService<Db>();

    private UserStore Users => app.Services.GetRequiredService<UserStore>();

    [Fact]
    public async Task OpenCasePage_AccountDeactivated_CannotSaveAndLeavesForLoginWithin10Seconds()
    {
        var (staff, caseId) = await StaffWithCaseAsync("t-rev-open");
        var page = await browser.NewPageAsync();
        await SignInAsync(page, staff.Username);
        await page.GotoAsync(app.BaseAddress + $"cases/{caseId}");
        await BlazorPage.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid=action-Reply]");
        var body = "停用后不应保存-" + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("[data-testid=input-body] textarea, textarea[data-testid=input-body]").FillAsync(body);

        Assert.Empty(await Users.SetActiveAsync(await AdminAsync(), staff.Id, active: false, TestContext.Current.CancellationToken));
        var watch = Stopwatch.StartNew();
        await page.ClickAsync("[data-testid=action-submit]");

        // Either the write is refused on the spot (the data layer's check) or the page has already left for the login
        // page (the revalidation); in no case is the reply saved, and the login page comes within 10 s.
        await page.WaitForURLAsync(u => u.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 10_000 });
        var revocation = watch.Elapsed;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("identity-revoked-login") });
        Assert.Equal(0, await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_events WHERE case_id = @caseId AND body = @body", new { caseId, body })));
        Assert.True(revocation < TimeSpan.FromSeconds(10), $"revocation took {revocation.TotalSeconds:0.0} s");
        Figures.Record("revocation_ms", revocation.TotalMilliseconds);
    }

    [Theory]
    [InlineData("deactivate")]
    [InlineData("demote")]
    [InlineData("reset")]
    public async Task CaseCommand_ActorChangedAfterPageOpened_RefusedAuditedNothingSaved(string change)
    {
        var (staff, caseId) = await StaffWithCaseAsync("t-rev-" + change);
        var opened = staff.ToActingUser();
        var admin = await AdminAsync();
        var errors = change switch
        {
            "deactivate" => await Users.SetActiveAsync(admin, staff.Id, active: false),
            "demote" => await Users.ChangeRoleAsync(admin, staff.Id, Roles.Viewer, null),
            _ => await Users.ResetPasswordAsync(admin, staff.Id, "another-password-2"),
        };
        Assert.Empty(errors);

        var commands = app.Services.GetRequiredService<CaseCommands>();
        await Assert.ThrowsAsync<AccountRevokedException>(() =>
            commands.ApplyAsync(opened, caseId, 1, new CaseAction { Kind = CaseActionKind.Reply, Body = "旧页面的回复" }));

        Assert.Equal(1, await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @caseId", new { caseId })));
        Assert.Equal(1, await Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'account.stale_write' AND user_id = @Id AND outcome = 'refused'", new { staff.Id })));
    }

    [Fact]
    public async Task CaseCommand_CurrentAccount_Saves()
    {
        var (staff, caseId) = await StaffWithCaseAsync("t-rev-current");
        var result = await app.Services.GetRequiredService<CaseCommands>().ApplyAsync(
            staff.ToActingUser(), caseId, 1, new CaseAction { Kind = CaseActionKind.Reply, Body = "当前账户的回复" });
        Assert.Equal(CaseOutcome.Ok, result.Outcome);
    }

    [Fact]
    public async Task UserStore_DemotedTownOffice_CannotManageAccounts()
    {
        var admin = await AdminAsync();
        Assert.True(await Users.EnsureAsync(new UserInput { Username = "t-rev-town", DisplayName = "t", Role = Roles.TownOffice, Password = Password }));
        var town = await FindAsync("t-rev-town");
        var openedAsTown = town.ToActingUser();
        Assert.Empty(await Users.ChangeRoleAsync(admin, town.Id, Roles.Viewer, null));

        await Assert.ThrowsAsync<AccountRevokedException>(() => Users.SetActiveAsync(openedAsTown, admin.Id, active: false));
        Assert.True((await Users.FindAsync(admin.Id))!.IsActive);
    }

    [Fact]
    public async Task LiveHubByCookie_AccountDeactivated_ConnectionClosedWithin10SecondsAndRefusedAgain()
    {
        var (staff, _) = await StaffWithCaseAsync("t-rev-hub");
        using var client = new SignInClient(app.BaseAddress, 77);
        using var signIn = await client.SignInAsync(staff.Username, Password, "/cases");
        Assert.Equal("/cases", signIn.Headers.Location?.OriginalString);
        var hubUrl = new Uri(app.BaseAddress, Liwater.Dashboard.Live.LiveHub.Path);
        await using var hub = new HubConnectionBuilder().WithUrl(hubUrl, o => o.Cookies = client.Cookies).Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync(TestContext.Current.CancellationToken);
        await hub.InvokeAsync<Liwater.Dashboard.Live.SubscribeResult>("Subscribe", null, null, TestContext.Current.CancellationToken);

        Assert.Empty(await Users.SetActiveAsync(await AdminAsync(), staff.Id, active: false, TestContext.Current.CancellationToken));
        var watch = Stopwatch.StartNew();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        var revocation = watch.Elapsed;

        // The way back is closed too: the cookie is refused, so the negotiate is anonymous and refused.
        await using var again = new HubConnectionBuilder().WithUrl(hubUrl, o => o.Cookies = client.Cookies).Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Figures.Record("hub_revocation_ms", revocation.TotalMilliseconds);
        Assert.True(revocation < TimeSpan.FromSeconds(10), $"the hub connection closed {revocation.TotalSeconds:0.0} s after the account was deactivated");
    }

    private async Task<(UserRow Staff, long CaseId)> StaffWithCaseAsync(string username)
    {
        var compound = await Db.ReadAsync(c => c.QueryFirstAsync<(long Id, long CommunityId)>(
            "SELECT id, community_id FROM compounds ORDER BY id LIMIT 1"));
        Assert.True(await Users.EnsureAsync(new UserInput { Username = username, DisplayName = username, Role = Roles.CommunityStaff, CommunityId = compound.CommunityId, Password = Password }));
        var system = ActingUser.System;
        var created = await app.Services.GetRequiredService<CaseCommands>().CreateAsync(system, new NewCase
        {
            CompoundId = compound.Id, Category = "public_facilities", Title = "测试：路灯损坏", Description = "小区东门路灯不亮。",
            SourceChannel = "hotline", Level = CaseLevels.Compound,
        });
        Assert.Equal(CaseOutcome.Ok, created.Outcome);
        return (await FindAsync(username), created.CaseId!.Value);
    }

    private async Task<UserRow> FindAsync(string username)
    {
        var id = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = @username", new { username }));
        return (await Users.FindAsync(id))!;
    }

    private async Task<ActingUser> AdminAsync() => (await FindAsync(AccountSeeder.AdminUsername)).ToActingUser();

    private async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync(app.BaseAddress + "login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    }
}
