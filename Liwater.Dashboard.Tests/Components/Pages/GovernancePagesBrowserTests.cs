using System.Text;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages;

/// <summary>The councils, ratings and volunteers pages in headless Chromium on the real app, with screenshots.</summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class GovernancePagesBrowserTests(GovernancePagesBrowserTests.App app, BrowserFixture browser)
    : IClassFixture<GovernancePagesBrowserTests.App>, IClassFixture<BrowserFixture>
{
    public sealed class App : LiwaterAppFactory;

    [Fact]
    public async Task Councils_VoteAndClose_ShowsResultAndScreenshot()
    {
        var page = await OpenAsync("/councils/7");
        var motion = page.Locator("[data-testid=motion][data-status=open]").First;
        await motion.Locator("[data-testid=voter]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await motion.Locator("[data-testid=vote-for]").ClickAsync();
        await Assertions.Expect(motion.Locator("[data-vote=for]")).ToContainTextAsync("1");
        await Assertions.Expect(motion.Locator("[data-testid=who-voted]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\s*投票明细：\\S+（赞成）\\s*$"));
        // A full-page shot of a scrolled page draws the fixed app bar mid-page.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("councils"), FullPage = true });
        await motion.Locator("[data-testid=close-motion]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=result]").Last).ToBeVisibleAsync();
        Assert.Equal(5, await page.Locator("[data-testid=stepper] [data-step]").CountAsync());
    }

    [Fact]
    public async Task Ratings_LeagueChartAndLists_RenderAndScreenshot()
    {
        var page = await OpenAsync("/ratings");
        await Assertions.Expect(page.Locator("[data-testid=league] tbody tr")).ToHaveCountAsync(39);
        await Assertions.Expect(page.Locator("[data-testid=star-counts]")).ToContainTextAsync("9");
        await page.Locator("[data-testid=league] tbody tr").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=history] tbody tr")).ToHaveCountAsync(5);
        var href = await page.Locator("[data-testid=export]").GetAttributeAsync("href");
        Assert.StartsWith("data:text/csv", href, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("ratings"), FullPage = true });
    }

    [Fact]
    public async Task Volunteers_UploadGbkCsv_ShowsRowReportAndScreenshot()
    {
        var page = await OpenAsync("/volunteers");
        await page.GetByRole(AriaRole.Tab, new() { Name = "导入 CSV" }).ClickAsync();
        var csv = "日期,小区,队伍,时长(小时),人数,类型,事项\r\n2021-04-01,中恒海晖,,2,6,为群众办实事,浏览器导入加装座椅\r\n2021-04-02,无此小区,,2,6,服务,坏行\r\n";
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetBytes(csv);
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "活动.csv", MimeType = "text/csv", Buffer = bytes });
        await Assertions.Expect(page.Locator("[data-testid=import-summary]")).ToContainTextAsync("新增 1 条");
        await Assertions.Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync("找不到小区“无此小区”");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("volunteers-import"), FullPage = true });
        await page.GetByRole(AriaRole.Tab, new() { Name = "活动记录" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=activities]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("volunteers"), FullPage = false });
    }

    [Fact]
    public async Task Volunteers_InEnglish_ActivityAndTeamKindsAreEnglishWords()
    {
        string[] activityKinds = ["Volunteer service", "Inspection and patrol", "Cleanup", "Practical things for the people", "Building deliberation", "Other"];
        var page = await OpenAsync("/culture/en?redirectUri=%2Fvolunteers");

        var kindCells = page.Locator("[data-testid=activities] tbody tr td:nth-child(4)");
        await Assertions.Expect(kindCells.First).ToBeVisibleAsync();
        var kinds = await kindCells.AllInnerTextsAsync();
        Assert.All(kinds, k => Assert.Contains(k.Trim(), activityKinds));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Teams and members" }).ClickAsync();
        var teamCaptions = page.Locator("[data-testid=team] .mud-typography-caption");
        await Assertions.Expect(teamCaptions.First).ToBeVisibleAsync();
        var teams = await teamCaptions.AllInnerTextsAsync();
        Assert.All(teams, t => Assert.Matches("^(Party–mass volunteer service team|Building team|Building deliberation representatives) · ", t));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("volunteers-teams-en"), FullPage = false });
    }

    [Fact]
    public async Task Ratings_InEnglish_ChecklistItemsAreTheirEnglishNames()
    {
        var page = await OpenAsync("/culture/en?redirectUri=%2Fratings");

        var items = page.Locator("[data-testid=score-sheet] tr[data-item] td:first-child");
        await Assertions.Expect(items.First).ToContainTextAsync("Safety management");
        Assert.Equal(6, await items.CountAsync());
        Assert.DoesNotMatch("[\\u4e00-\\u9fff]", string.Join('\n', await items.AllInnerTextsAsync()));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("ratings-score-sheet-en"), FullPage = true });
    }

    [Fact]
    public async Task Ratings_Viewer_SeesTheTableButNoScoreSheet()
    {
        var page = await OpenAsync("/ratings", "viewer", "demo-viewer");
        await Assertions.Expect(page.Locator("[data-testid=league] tbody tr")).ToHaveCountAsync(39);
        Assert.Equal(0, await page.Locator("[data-testid=score-sheet]").CountAsync());
    }

    [Fact]
    public async Task Councils_Anonymous_IsSentToLogin()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/councils").ToString());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }

    /// <summary>Signs in (the town office by default, who may write everywhere) and opens the page.</summary>
    private async Task<IPage> OpenAsync(string path, string username = "chengzhiban", string password = "demo-town-office")
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/login").ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        await BlazorPage.WaitForInteractiveAsync(page, 30000);
        return page;
    }
}
