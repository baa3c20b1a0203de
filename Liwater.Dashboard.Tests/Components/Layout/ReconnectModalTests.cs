using System.Net;
using Liwater.Dashboard.Tests.Live;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Components.Layout;

/// <summary>Issue 10 item 9: the reconnect dialog speaks the page's language (Chinese by default, English on request).</summary>
[Collection(AppCollection.Name)]
public sealed class ReconnectModalTests(LiveAppFactory app) : IClassFixture<LiveAppFactory>
{
    [Theory]
    [InlineData(null, "正在重新连接服务器", "请重试或刷新页面。", "Rejoining the server")]
    [InlineData("en", "Rejoining the server", "Please retry or reload the page.", "正在重新连接服务器")]
    public async Task Page_InCulture_ReconnectDialogInThatLanguage(string? culture, string rejoining, string retryOrReload, string otherLanguage)
    {
        var cookies = new CookieContainer();
        if (culture is not null)
        {
            cookies.Add(app.BaseAddress, new Cookie(".AspNetCore.Culture", Uri.EscapeDataString($"c={culture}|uic={culture}")));
        }

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        var html = WebUtility.HtmlDecode(await http.GetStringAsync("/login", TestContext.Current.CancellationToken));
        var dialog = html[html.IndexOf("id=\"components-reconnect-modal\"", StringComparison.Ordinal)..];
        dialog = dialog[..dialog.IndexOf("</dialog>", StringComparison.Ordinal)];

        Assert.Contains(rejoining, dialog, StringComparison.Ordinal);
        Assert.Contains(retryOrReload, dialog, StringComparison.Ordinal);
        Assert.Contains("components-seconds-to-next-attempt", dialog, StringComparison.Ordinal);
        Assert.DoesNotContain(otherLanguage, dialog, StringComparison.Ordinal);
    }
}
