using System.Net;
using Liwater.Dashboard.Extensions;
using Liwater.Dashboard.Tests.Dashboard.Auth;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Dashboard.Extensions;

/// <summary>
/// Issue 11 items 8 and 10: no stack trace and no 500 for bad input (in Development, the README run), one redirect
/// check everywhere, security headers on every response, logout needs the token, an oversized post is a 413, and the
/// pages work in Chromium under the Content-Security-Policy without one violation.
/// </summary>
[Collection(AppCollection.Name)]
// One app for the class: every request comes from a client address of its own (the sign-in limits count per
// client), and none of them changes what another test reads. A host per test cost ~40 starts.
public sealed class WebHygieneTests(WebHygieneTests.App app) : IClassFixture<WebHygieneTests.App>
{
    private const string AdminPassword = "demo-admin-change-me";
    private static int nextOctet = 60;

    [Theory]
    [InlineData("/culture/en?redirectUri=/%5Cevil.example")]
    [InlineData("/culture/en?redirectUri=/%0Aenv")]
    [InlineData("/culture/en?redirectUri=/%00x")]
    [InlineData("/culture/en?redirectUri=/%E6%A1%88%E4%BB%B6")]
    [InlineData("/culture/en?redirectUri=/%09evil")]
    [InlineData("/culture/en?redirectUri=%2F%5C")]
    [InlineData("/culture/en?redirectUri=https://evil.example")]
    [InlineData("/culture/xx?redirectUri=//evil.example")]
    public async Task Culture_HostileRedirect_GoesHomeNever500(string url)
    {
        using var client = NewClient();
        using var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/login?until=abc")]
    [InlineData("/login?error=locked&until=-99999999999999")]
    [InlineData("/login?error=locked&until=99999999999999999999999")]
    [InlineData("/login?error=locked&until=abc&returnUrl=/%5Cevil")]
    [InlineData("/login?returnUrl=%00")]
    public async Task LoginPage_HostileQuery_RendersWithoutError(string url)
    {
        using var client = NewClient();
        using var response = await client.Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"login-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_NulInForm_400WithMessageNoStackTrace()
    {
        using var client = NewClient();
        var token = await client.TokenAsync("/login");
        using var response = await client.Http.PostAsync("/account/login", new StringContent(
            "__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&Username=admin%00&Password=x&ReturnUrl=/%00",
            System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_31MegabytesToLogin_413()
    {
        using var client = NewClient();
        var token = await client.TokenAsync("/login");
        var big = new string('a', 31 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Username"] = "admin", ["Password"] = big,
            }),
        };

        // As browsers and curl do for large bodies: the server may answer before the body is sent.
        request.Headers.ExpectContinue = true;
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("过大", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_WithoutToken_400AndStillSignedIn()
    {
        using var client = NewClient();
        using var signIn = await client.SignInAsync("admin", AdminPassword, "/cases");
        Assert.Equal("/cases", signIn.Headers.Location!.OriginalString);

        using var forged = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var stillIn = await client.Http.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        var token = await client.TokenAsync("/cases");
        using var logout = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var after = await client.Http.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    [InlineData("/cases")]
    [InlineData("/jobs")]
    [InlineData("/jobs/recurring")]
    [InlineData("/screen?key=demo-screen-key")]
    [InlineData("/screen")]
    [InlineData("/hubs/live/negotiate?negotiateVersion=1")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/no-such-page")]
    [InlineData("/culture/en")]
    public async Task AnyResponse_CarriesSecurityHeaders(string url)
    {
        using var client = NewClient();
        using var signIn = await client.SignInAsync("admin", AdminPassword);
        using var response = url.Contains("negotiate", StringComparison.Ordinal)
            ? await client.Http.PostAsync(url, null)
            : await client.Http.GetAsync(url);
        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
        Assert.Equal(WebHygieneExtensions.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy"), v => v.Contains("default-src", StringComparison.Ordinal)));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [UiTest]
    [Fact]
    public async Task Pages_InChromiumUnderThePolicy_WorkWithoutViolations()
    {
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        await page.GotoAsync(app.BaseAddress + "login");
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", AdminPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        foreach (var path in new[] { "", "cases", "cases/new", "meeting", "councils", "ratings", "volunteers", "users" })
        {
            await page.GotoAsync(app.BaseAddress + path);
            await BlazorPage.WaitForInteractiveAsync(page);
        }

        // An interactive click works (the circuit's WebSocket is allowed): open the case list's first case.
        await page.GotoAsync(app.BaseAddress + "cases");
        await BlazorPage.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=case-grid] tbody tr a").First.ClickAsync();
        await BlazorPage.WaitForRouteAsync(page, new System.Text.RegularExpressions.Regex(@"/cases/\d+$"));
        await Assertions.Expect(page.Locator("[data-testid=action-panel]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("identity-csp-case-page") });

        await page.GotoAsync(app.BaseAddress + "jobs");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Liwater");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("identity-csp-jobs") });

        var wall = await browser.NewPageAsync(1920, 1080);
        wall.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        await wall.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        await wall.GotoAsync(app.BaseAddress + "screen?key=demo-screen-key");
        await BlazorPage.WaitForInteractiveAsync(wall);
        await wall.WaitForTimeoutAsync(1500);
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("identity-csp-screen") });

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private SignInClient NewClient() => new(app.BaseAddress, Interlocked.Increment(ref nextOctet) % 250 + 2);

    /// <summary>The app the class shares (default settings, demo data).</summary>
    public sealed class App : LiwaterAppFactory
    {
    }
}
