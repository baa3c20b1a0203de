using System.Net;
using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Tests.Live;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

/// <summary>The screen key on the real app: refusals are plain pages in the culture cookie's language (Chinese by
/// default), the right key opens the screen.</summary>
[Collection(AppCollection.Name)]
public sealed class ScreenAccessTests(LiveAppFactory app) : IClassFixture<LiveAppFactory>
{
    [Theory]
    [InlineData("/screen", HttpStatusCode.Unauthorized, "缺少大屏密钥")]
    [InlineData("/screen?key=", HttpStatusCode.Unauthorized, "缺少大屏密钥")]
    [InlineData("/screen?key=demo-screen-key-x", HttpStatusCode.Forbidden, "大屏密钥无效")]
    [InlineData("/SCREEN?key=wrong", HttpStatusCode.Forbidden, "大屏密钥无效")]
    public async Task Get_WithoutValidKey_RefusesInChinese(string path, HttpStatusCode status, string reason)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.DoesNotContain("_framework/blazor", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "/screen", "zh-CN", "无法打开指挥大屏", "缺少大屏密钥。请使用城治办提供的地址（形如 /screen?key=…）打开大屏。")]
    [InlineData("zh-CN", "/screen?key=wrong", "zh-CN", "无法打开指挥大屏", "大屏密钥无效。请使用城治办提供的地址（形如 /screen?key=…）打开大屏。")]
    [InlineData("en", "/screen", "en", "Cannot open the command-centre screen", "The screen key is missing. Open the screen with the address the town office gave you (like /screen?key=…).")]
    [InlineData("en", "/screen?key=wrong", "en", "Cannot open the command-centre screen", "The screen key is not valid. Open the screen with the address the town office gave you (like /screen?key=…).")]
    public async Task Get_WithoutValidKey_RefusesInTheCookiesLanguage(string? culture, string path, string lang, string title, string reason)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (culture is not null)
        {
            request.Headers.Add("Cookie", ".AspNetCore.Culture=" + Uri.EscapeDataString($"c={culture}|uic={culture}"));
        }

        using var response = await http.SendAsync(request);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains($"<html lang=\"{lang}\">", body, StringComparison.Ordinal);
        Assert.Contains($"<title>{title}</title>", body, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", body, StringComparison.Ordinal);
        Assert.Contains($"<p>{reason}</p>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithDemoKey_RendersTheScreenAndSetsNoCookie()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var response = await http.GetAsync($"/screen?key={LiveAppFactory.Key}");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("里水镇城市社区综合治理指挥大屏", body, StringComparison.Ordinal);
        Assert.Contains("data-counter=\"open-cases\"", body, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => !c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("demo-screen-key", true)]
    [InlineData("demo-screen-ke", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Key_MatchesOnlyAConfiguredKeyExactly(string? key, bool expected) =>
        Assert.Equal(expected, ScreenAccess.IsValid(key, ["other-key", "demo-screen-key"]));
}
