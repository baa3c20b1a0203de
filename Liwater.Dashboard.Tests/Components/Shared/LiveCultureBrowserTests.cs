using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Shared;

/// <summary>
/// Issue 10 item 1 in headless Chromium: another user's action reaches an open case page through the live feed, and
/// the page re-renders in its own user's language, Chinese or English.
/// </summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class LiveCultureBrowserTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>, IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Theory]
    [InlineData("zh-CN", "类别", "来源渠道", "回复", "cases-detail-live-zh")]
    [InlineData("en", "Category", "Source", "Reply", "cases-detail-live-en")]
    public async Task CasePage_AnotherUserReplies_PageStaysInItsLanguage(string culture, string categoryLabel, string channelLabel, string replyEvent, string screenshot)
    {
        var caseId = await fixture.NewCaseAsync();
        var page = await SignInAsync("t-staff-a");
        var target = $"/cases/{caseId}";
        await page.GotoAsync(fixture.App.BaseAddress + (culture == "en" ? $"culture/en?redirectUri={Uri.EscapeDataString(target)}" : target.TrimStart('/')));
        await BlazorPage.WaitForInteractiveAsync(page);
        var category = page.Locator("tr", new PageLocatorOptions { HasText = categoryLabel }).Locator("td").Nth(0);
        var channel = page.Locator("tr", new PageLocatorOptions { HasText = categoryLabel }).Locator("td").Nth(1);
        var categoryBefore = (await category.InnerTextAsync()).Trim();
        var channelBefore = (await channel.InnerTextAsync()).Trim();
        await Assertions.Expect(page.Locator("th", new PageLocatorOptions { HasTextString = channelLabel })).ToHaveCountAsync(1);

        // Another user's action, through the one case command: the page learns of it only from the live feed.
        var reply = await fixture.Commands.ApplyAsync(fixture.Town, caseId, 1, new CaseAction { Kind = CaseActionKind.Reply, Body = "物业已回复 / replied" });
        Assert.True(reply.Succeeded);

        await Assertions.Expect(page.Locator("[data-testid=case-version]")).ToContainTextAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=timeline-kind]", new PageLocatorOptions { HasTextString = replyEvent })).ToHaveCountAsync(1);
        Assert.Equal(categoryBefore, (await category.InnerTextAsync()).Trim());
        Assert.Equal(channelBefore, (await channel.InnerTextAsync()).Trim());
        await Assertions.Expect(page.Locator("th", new PageLocatorOptions { HasTextString = channelLabel })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("th", new PageLocatorOptions { HasTextString = categoryLabel })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath(screenshot), FullPage = true });
    }

    private async Task<IPage> SignInAsync(string username)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", CaseAppFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return page;
    }
}
