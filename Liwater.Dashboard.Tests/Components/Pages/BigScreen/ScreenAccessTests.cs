using System.Net;
using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Tests.Live;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Components.Pages.BigScreen;

/// <summary>The screen key on the real app: refusals are plain Chinese pages, the right key opens the screen.</summary>
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
