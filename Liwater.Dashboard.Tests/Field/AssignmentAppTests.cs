using System.Diagnostics;
using System.Globalization;
using System.Net;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Tests.Residents;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Field;

/// <summary>
/// Assignment to a named person and 「我的待办」 on the real app: the action endpoint (the case command behind it), the
/// town office's steward–compound links, and headless Chromium at 390×844 — the steward sees a case under 「我的」 within
/// a second of someone else assigning it, with no horizontal scroll — plus the case list at 390 and 1440 px.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AssignmentAppTests(FieldAppFixture fixture, ITestOutputHelper output) : IClassFixture<FieldAppFixture>, IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task PostAction_AssignPerson_StewardOfCompoundSavedOtherStewardRefusedInChinese()
    {
        var caseId = await CreateCaseAsync("指派测试");
        var (client, token) = await fixture.SignInAsync("f-staff");
        var other = await UserIdAsync("f-steward-other");

        using var refused = await AssignAsync(client, token, caseId, 1, other);
        using var ok = await AssignAsync(client, token, caseId, 1, fixture.StewardId);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = await refused.Content.ReadAsStringAsync();
        Assert.Contains("王管家", message, StringComparison.Ordinal);
        Assert.Contains("case.assignee.", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal((fixture.StewardId, 2L), await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(long, long)>("SELECT assignee_id, version FROM cases WHERE id = @caseId", new { caseId })));
    }

    [Fact]
    public async Task SetCompoundsAsync_NotStewardOrMissingCompound_RefusedWithCodeNothingChanged_ValidAudited()
    {
        var store = fixture.Get<UserStore>();
        var admin = new ActingUser { Username = "fixture", Role = Roles.TownOffice };
        var staffId = await UserIdAsync("f-staff");
        var otherId = await UserIdAsync("f-steward-other");
        var before = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(long Version, long Links)>(
            "SELECT version, (SELECT COUNT(*) FROM user_compounds WHERE user_id = @otherId) FROM users WHERE id = @otherId", new { otherId }));

        var audits = await AuditsAsync(otherId);

        var notSteward = await store.SetCompoundsAsync(admin, staffId, [fixture.Compound.Id]);
        var missing = await store.SetCompoundsAsync(admin, otherId, [fixture.Compound.Id, 987_654]);
        var byStaff = await store.SetCompoundsAsync(new ActingUser { Id = 0, Username = "x", Role = Roles.CommunityStaff, CommunityId = 1 }, otherId, [fixture.Compound.Id]);

        Assert.Equal(AccountErrors.CompoundsStewardOnly, notSteward["Compounds"].Code);
        Assert.Contains("张社工", Words.Zh(notSteward["Compounds"]), StringComparison.Ordinal);
        Assert.Equal("小区不存在（编号 987654），未保存。", Words.Zh(missing["Compounds"]));
        Assert.Equal(AccountErrors.TownOfficeOnly, byStaff[""].Code);
        Assert.Equal(before, await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(long, long)>(
            "SELECT version, (SELECT COUNT(*) FROM user_compounds WHERE user_id = @otherId) FROM users WHERE id = @otherId", new { otherId })));

        var current = await fixture.Db.ReadAsync(c => c.QueryAsync<long>("SELECT compound_id FROM user_compounds WHERE user_id = @otherId", new { otherId }));
        Assert.Empty(await store.SetCompoundsAsync(admin, otherId, [.. current]));
        Assert.Equal(before.Version + 1, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT version FROM users WHERE id = @otherId", new { otherId })));
        Assert.Equal(audits + 1, await AuditsAsync(otherId));
    }

    private Task<long> AuditsAsync(long userId) => fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'user.set_compounds' AND entity_id = @userId AND outcome = 'ok'", new { userId }));

    [Fact]
    public async Task MyWork_AssignedBySomeoneElse_UnderMineWithinASecondAt390NoHorizontalScroll()
    {
        var title = "指派给管家-" + Guid.NewGuid().ToString("N")[..4];
        var caseId = await CreateCaseAsync(title);
        var steward = await SignInPageAsync("f-steward", 390, 844);
        await steward.GotoAsync(fixture.App.BaseAddress + "field?scope=mine");
        await BlazorPage.WaitForInteractiveAsync(steward);
        var card = steward.Locator($"[data-testid=work-card][data-case='{caseId}']");
        await Assertions.Expect(card).ToHaveCountAsync(0);

        // Community staff assign it, through the case command (as the case page does).
        var staff = new ActingUser { Username = "f-staff", DisplayName = "张社工", Role = Roles.CommunityStaff, CommunityId = fixture.Compound.CommunityId };
        var watch = Stopwatch.StartNew();
        Assert.True((await fixture.Get<CaseCommands>().ApplyAsync(staff, caseId, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = fixture.StewardId })).Succeeded);
        await Assertions.Expect(card).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 1000 });
        output.WriteLine($"assignment → card under 我的: {watch.ElapsedMilliseconds} ms");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-mine", "true");
        await Assertions.Expect(card.Locator("[data-testid=countdown-mark]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(steward.Locator("[data-testid=scope-mine]")).ToHaveAttributeAsync("aria-pressed", "true");
        await steward.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("field-my-work-mine-390") });
        Assert.Equal(0, await HorizontalOverflowAsync(steward));
        var toggle = await steward.Locator("[data-testid=scope-area]").BoundingBoxAsync();
        Assert.True(toggle!.Height >= 44, $"toggle {toggle.Height}px high");

        // The case page names the person.
        await card.ClickAsync();
        await BlazorPage.WaitForInteractiveAsync(steward);
        await Assertions.Expect(steward.Locator("[data-testid=case-assignee]")).ToHaveTextAsync("李管家");
    }

    [UiTest]
    [Fact]
    public async Task CaseList_At390AndAt1440_CardRowsWithoutHorizontalScrollAndTheAssigneeColumn()
    {
        var caseId = await CreateCaseAsync("列表手机版-" + Guid.NewGuid().ToString("N")[..4]);
        Assert.True((await fixture.Get<CaseCommands>().ApplyAsync(FieldAppFixture.Town, caseId, 1, new CaseAction { Kind = CaseActionKind.AssignPerson, PersonId = fixture.StewardId })).Succeeded);

        var phone = await SignInPageAsync("f-staff", 390, 844);
        await phone.GotoAsync(fixture.App.BaseAddress + "cases");
        await BlazorPage.WaitForInteractiveAsync(phone);
        var rows = phone.Locator("[data-testid=case-grid] tbody tr.mud-table-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("case-list-390") });
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("case-list-390-full"), FullPage = true });
        Assert.Equal(0, await HorizontalOverflowAsync(phone));
        await Assertions.Expect(phone.Locator("[data-testid=case-grid] thead")).ToBeHiddenAsync();
        // One case per card: the title link, status, level and mark all inside one row box, the title big enough to tap.
        var first = rows.First;
        foreach (var part in new[] { "case-link", "case-status", "case-level", "countdown" })
        {
            await Assertions.Expect(first.Locator($"[data-testid={part}]")).ToBeVisibleAsync();
        }

        var link = await first.Locator("[data-testid=case-link]").BoundingBoxAsync();
        var row = await first.BoundingBoxAsync();
        Assert.True(row!.Height >= 48 && row.Width <= 390, $"row {row.Width}x{row.Height}");
        Assert.True(link!.Height >= 24, $"title link {link.Height}px high");
        output.WriteLine($"390 px: row {row.Width:0}x{row.Height:0}, title link {link.Width:0}x{link.Height:0}");

        var desk = await SignInPageAsync("f-staff", 1440, 900);
        await desk.GotoAsync(fixture.App.BaseAddress + "cases");
        await BlazorPage.WaitForInteractiveAsync(desk);
        await Assertions.Expect(desk.Locator("[data-testid=case-grid] th", new PageLocatorOptions { HasText = "负责人" })).ToHaveCountAsync(1);
        await Assertions.Expect(desk.Locator("[data-testid=case-assignee-cell]", new PageLocatorOptions { HasText = "李管家" }).First).ToBeVisibleAsync();
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("case-list-1440") });
        Assert.Equal(0, await HorizontalOverflowAsync(desk));
        // Every column inside the grid at 1440 (the countdown column was clipped once a column was added).
        var gridOverflow = await desk.EvaluateAsync<int>("() => { const c = document.querySelector('[data-testid=case-grid] .mud-table-container'); return c.scrollWidth - c.clientWidth; }");
        Assert.True(gridOverflow <= 0, $"grid overflows by {gridOverflow}px at 1440");
    }

    [UiTest]
    [Fact]
    public async Task UsersPage_TownOfficeSetsStewardCompounds_SavedAndShown()
    {
        await fixture.Get<UserStore>().EnsureAsync(new UserInput { Username = "f-town", DisplayName = "城治办甲", Role = Roles.TownOffice, Password = FieldAppFixture.Password });
        var otherId = await UserIdAsync("f-steward-other");
        var page = await SignInPageAsync("f-town", 1440, 900);
        await page.GotoAsync(fixture.App.BaseAddress + "users");
        await BlazorPage.WaitForInteractiveAsync(page);
        var select = page.Locator("[data-testid=steward-compounds-f-steward]");
        await Assertions.Expect(select).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(fixture.Compound.Name)));

        // Add the fixture's compound to the other steward through the page.
        await page.Locator("[data-testid=steward-compounds-f-steward-other]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = fixture.Compound.Name }).First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.ClickAsync("[data-testid=steward-compounds-save-f-steward-other]");

        await Assertions.Expect(page.Locator("[data-testid=users-message]")).ToHaveTextAsync("已保存。");
        await Assertions.Expect(page.Locator("[data-testid=steward-compounds-f-steward-other]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(fixture.Compound.Name)));
        Assert.Equal(1, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM user_compounds WHERE user_id = @otherId AND compound_id = @Id", new { otherId, fixture.Compound.Id })));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("users-steward-compounds-1440") });

        // Put the fixture back as it was (other tests expect the other steward outside this compound).
        var admin = new ActingUser { Username = "fixture", Role = Roles.TownOffice };
        var others = await fixture.Db.ReadAsync(c => c.QueryAsync<long>("SELECT compound_id FROM user_compounds WHERE user_id = @otherId AND compound_id <> @Id", new { otherId, fixture.Compound.Id }));
        Assert.Empty(await fixture.Get<UserStore>().SetCompoundsAsync(admin, otherId, [.. others]));
    }

    private static Task<int> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");

    private async Task<IPage> SignInPageAsync(string username, int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", FieldAppFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    private async Task<long> CreateCaseAsync(string title)
    {
        var result = await fixture.Get<CaseCommands>().CreateAsync(FieldAppFixture.Town, new NewCase
        {
            CompoundId = fixture.Compound.Id,
            Category = "environment_sanitation",
            Title = title,
            Description = title + "，请尽快处理。",
            SourceChannel = "hotline",
            Level = CaseLevels.Compound,
        });
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.CaseId!.Value;
    }

    private Task<long> UserIdAsync(string username) =>
        fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = @username", new { username }));

    private static Task<HttpResponseMessage> AssignAsync(HttpClient client, string token, long caseId, long version, long personId) =>
        client.PostAsync($"/cases/{caseId}/actions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Kind"] = nameof(CaseActionKind.AssignPerson),
            ["ExpectedVersion"] = version.ToString(CultureInfo.InvariantCulture),
            ["PersonId"] = personId.ToString(CultureInfo.InvariantCulture),
        }));
}
