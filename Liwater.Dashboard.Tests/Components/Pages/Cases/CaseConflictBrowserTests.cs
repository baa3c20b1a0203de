using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>
/// In headless Chromium: the chip of a town-level case with a chair's deadline names 办结期限 and is not overdue; an
/// admin's 办结 form opened on one version is refused after another user returns the case (the live refresh does not
/// slip the new version under the form), and the page says what changed. Screenshots in Chinese and English.
/// </summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class CaseConflictBrowserTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>, IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task CasePage_ResolvePreparedThenCaseReturnedByAnother_RefusedWithWhatChangedAndChipNamesTheDeadline()
    {
        var id = await fixture.NewCaseAsync(CaseLevels.Town);
        var clock = fixture.App.Services.GetRequiredService<Liwater.Data.Database.TownClock>();
        var assigned = await fixture.Commands.ApplyAsync(fixture.Town, id, 1, new CaseAction { Kind = CaseActionKind.Assign, UnitName = "镇住建办", DueOn = clock.Today.AddDays(9) });
        Assert.True(assigned.Succeeded, assigned.Error?.ToString());

        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", "t-town");
        await page.FillAsync("#password", CaseAppFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(fixture.App.BaseAddress + $"cases/{id}");
        await BlazorPage.WaitForInteractiveAsync(page);

        var chip = page.Locator("[data-testid=countdown]").First;
        await Assertions.Expect(chip).ToHaveAttributeAsync("data-mark", "assigned");
        await Assertions.Expect(chip).ToHaveAttributeAsync("data-state", "due");
        await Assertions.Expect(chip).ToContainTextAsync("办结期限");

        // The admin prepares 办结 on version 2 …
        await page.ClickAsync("[data-testid=action-Resolve]");
        await page.Locator("[data-testid=input-body] textarea, textarea[data-testid=input-body]").First.FillAsync("已协调住建办处理完毕");
        // … while the chair's meeting returns the case to its community (version 3); the page refreshes live.
        var returned = await fixture.Commands.ApplyAsync(fixture.Town, id, 2, new CaseAction { Kind = CaseActionKind.Return, Body = "请社区组织协商" });
        Assert.True(returned.Succeeded, returned.Error?.ToString());
        await Assertions.Expect(page.Locator("[data-testid=case-version]")).ToContainTextAsync("3");
        await Assertions.Expect(page.Locator("[data-testid=action-message]")).ToContainTextAsync("版本 2");

        await page.ClickAsync("[data-testid=action-submit]");

        await Assertions.Expect(page.Locator("[data-testid=action-message]")).ToContainTextAsync("已被他人修改");
        await Assertions.Expect(page.Locator("[data-testid=action-changed]")).ToContainTextAsync("社区");
        var saved = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(string Level, string Status)>("SELECT level, status FROM cases WHERE id = @id", new { id }));
        Assert.Equal((CaseLevels.Community, CaseStatuses.Open), saved);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("case-page-zh"), FullPage = false });

        await page.GotoAsync(fixture.App.BaseAddress + $"culture/en?redirectUri=/cases/{id}");
        await BlazorPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=countdown-mark]").First).ToHaveTextAsync("Community limit");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("case-page-en"), FullPage = false });
    }
}
