using System.Globalization;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.AccessDenied;

/// <summary>
/// Dead ends of issue 10 item 10 in headless Chromium on the real app: a viewer refused on /users, /jobs and
/// /cases/new sees one refusal page in their language saying why (HTTP 403), never the login page, a bare 403 or a form.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccessDeniedTests(AccessDeniedTests.App app, BrowserFixture browser)
    : IClassFixture<AccessDeniedTests.App>, IClassFixture<BrowserFixture>
{
    public sealed class App : LiwaterAppFactory;

    [Fact]
    public async Task Users_Viewer_GetsTheRefusalPageSayingWhyWith403()
    {
        var page = await SignInAsync("viewer", "demo-viewer");

        var response = await page.GotoAsync(Url("/users"));

        Assert.Equal(403, response!.Status);
        Assert.Contains("/access-denied", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-testid=access-denied-reason]")).ToHaveTextAsync("账号管理只对城治办开放。");
        await Assertions.Expect(page.Locator("[data-testid=not-authorized]")).ToContainTextAsync("只读查看");
        Assert.Equal(0, await page.Locator("#password").CountAsync());
    }

    [Fact]
    public async Task Jobs_Viewer_GetsTheRefusalPageNotTheBare403()
    {
        var page = await SignInAsync("viewer", "demo-viewer");

        var response = await page.GotoAsync(Url("/jobs"));

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=access-denied-reason]")).ToHaveTextAsync("后台任务只对城治办开放。");
        await Assertions.Expect(page.Locator("[data-testid=access-denied-title]")).ToHaveTextAsync("无权访问");
    }

    [UiTest]
    [Fact]
    public async Task CaseCreate_Viewer_SeesTheRefusalInsteadOfTheForm()
    {
        var page = await SignInAsync("viewer", "demo-viewer");
        await page.GotoAsync(Url("/cases/new"));
        await BlazorPage.WaitForInteractiveAsync(page, 30000);

        await Assertions.Expect(page.Locator("[data-testid=access-denied-reason]")).ToContainTextAsync("只有城治办和社区工作人员可以登记新诉求");
        Assert.Equal(0, await page.Locator("[data-testid=field-compound]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=nav-jobs]").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("access-denied"), FullPage = false });
    }

    [UiTest]
    [Fact]
    public async Task Users_ViewerInEnglish_RefusalIsInEnglish()
    {
        var page = await SignInAsync("viewer", "demo-viewer");
        await page.GotoAsync(Url("/culture/en?redirectUri=%2F"));

        var response = await page.GotoAsync(Url("/users"));

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=access-denied-reason]")).ToHaveTextAsync("Only the town office manages accounts.");
        await Assertions.Expect(page.Locator("[data-testid=not-authorized]")).ToContainTextAsync("Viewer");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("access-denied-en"), FullPage = false });
    }

    [Fact]
    public async Task NavMenu_TownOffice_ShowsTheJobsLink()
    {
        var page = await SignInAsync("chengzhiban", "demo-town-office");
        await page.GotoAsync(Url("/"));
        await BlazorPage.WaitForInteractiveAsync(page, 30000);

        await Assertions.Expect(page.Locator("[data-testid=nav-jobs]")).ToBeVisibleAsync();
    }

    [Fact]
    public void Reasons_EveryKey_ExistsInBothLanguages()
    {
        var localizer = app.Services.GetRequiredService<IStringLocalizer<Liwater.Dashboard.SharedResource>>();
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            try
            {
                foreach (var key in AccessDeniedReasons.AllKeys.Concat(["AccessDeniedTitle", "AccessDeniedRole", "AccessDeniedPath", "AccessDeniedHelp", "AccessDeniedBack", "AccessDeniedSignIn"]))
                {
                    Assert.False(localizer[key].ResourceNotFound, $"{key} missing in {culture}");
                }
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }

    [Theory]
    [InlineData("/users", "AccessDeniedUsers")]
    [InlineData("/jobs/recurring", "AccessDeniedJobs")]
    [InlineData("/cases/new", "AccessDeniedCaseCreate")]
    [InlineData("/cases/12", "AccessDeniedDefault")]
    [InlineData("/usersx", "AccessDeniedDefault")]
    [InlineData(null, "AccessDeniedDefault")]
    public void KeyFor_Path_GivesItsReason(string? path, string key) => Assert.Equal(key, AccessDeniedReasons.KeyFor(path));

    [Theory]
    [InlineData("/users", "/users")]
    [InlineData("//evil.example", null)]
    [InlineData("/\\evil.example", null)]
    [InlineData("https://evil.example/", null)]
    [InlineData("/a\nb", null)]
    [InlineData("", null)]
    public void LocalPath_OnlyPlainLocalPaths(string returnUrl, string? expected) => Assert.Equal(expected, AccessDeniedReasons.LocalPath(returnUrl));

    private string Url(string path) => new Uri(app.BaseAddress, path).ToString();

    private async Task<IPage> SignInAsync(string username, string password)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Url("/login"));
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal), new() { Timeout = 60000 });
        return page;
    }
}
