using System.Net;
using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

/// <summary>Issue 10 item 8: signed-in staff open the wall from the menu without a key; strangers still need one.</summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class ScreenMenuBrowserTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>, IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task MenuLink_SignedInStaff_OpensTheLiveWallWithoutAKey()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", "t-staff-a");
        await page.FillAsync("#password", CaseAppFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await BlazorPage.WaitForInteractiveAsync(page);

        var wall = await page.Context.RunAndWaitForPageAsync(() => page.GetByText("指挥中心大屏").ClickAsync());
        await wall.WaitForLoadStateAsync();

        Assert.EndsWith("/screen", new Uri(wall.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(wall.Locator("[data-counter='open-cases'] [data-value]")).ToBeVisibleAsync();
        Assert.DoesNotContain("缺少大屏密钥", await wall.ContentAsync(), StringComparison.Ordinal);
        await BlazorPage.WaitForInteractiveAsync(wall);
        await Assertions.Expect(wall.Locator("[data-testid='stale-banner']")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task GetAndHub_SignedInWithoutKey_200_AnonymousWithoutKey_401()
    {
        using var signedIn = await fixture.SignInAsync("t-viewer");
        using var anonymous = new HttpClient { BaseAddress = fixture.App.BaseAddress };

        using var staff = await signedIn.Client.GetAsync("/screen");
        using var stranger = await anonymous.GetAsync("/screen");
        using var hub = await signedIn.Client.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Contains("data-counter=\"open-cases\"", await staff.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        // One rule for the page and the hub: whoever may open the wall may follow it live (decision 0155).
        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
    }
}
