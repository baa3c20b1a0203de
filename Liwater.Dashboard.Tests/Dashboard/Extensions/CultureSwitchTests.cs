using System.Net;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Dashboard.Extensions;

[Collection(AppCollection.Name)]
public sealed class CultureSwitchTests(CultureSwitchTests.App app) : IClassFixture<CultureSwitchTests.App>
{
    public sealed class App : LiwaterAppFactory
    {
        public App() => Settings["Liwater:Jobs:Enabled"] = "false";
    }

    [Fact]
    public async Task Get_CultureEn_SetsTheCookieAndReturnsToTheLocalPage()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var response = await client.GetAsync("/culture/en?redirectUri=%2Fcases%3Fqueue%3Dtown");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cases?queue=town", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_CultureWithForeignRedirect_StaysOnTheSite()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var response = await client.GetAsync("/culture/en?redirectUri=%2F%2Fevil.example%2F");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Get_LoginPage_IsChineseByDefaultAndEnglishWithTheCookie()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var chinese = await client.GetStringAsync("/login");
        Assert.Contains("lang=\"zh-CN\"", chinese, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var english = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("lang=\"en\"", english, StringComparison.Ordinal);
    }
}
