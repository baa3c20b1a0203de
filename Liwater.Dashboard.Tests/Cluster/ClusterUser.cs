using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Liwater.Dashboard.Tests.Cluster;

/// <summary>
/// The demo administrator signed in over plain HTTP (cookie and antiforgery token) on one node of a cluster, able to
/// post the case form to any node: what a browser does, without one.
/// </summary>
public sealed partial class ClusterUser : IDisposable
{
    private const string Admin = "admin";
    private const string AdminPassword = "demo-admin-change-me";

    private ClusterUser(HttpClient client, string token)
    {
        Client = client;
        Token = token;
    }

    public HttpClient Client { get; }

    /// <summary>Gets the antiforgery token bound to the signed-in user.</summary>
    public string Token { get; }

    public static async Task<ClusterUser> SignInAsync(Uri node)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var token = ReadToken(await client.GetStringAsync(new Uri(node, "/login")));
        using var response = await client.PostAsync(new Uri(node, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Username"] = Admin, ["Password"] = AdminPassword, ["ReturnUrl"] = "/cases",
        }));
        Assert.Equal("/cases", response.Headers.Location?.ToString());
        // After sign-in the token must be the one bound to the user: take it from a page of the same node.
        return new ClusterUser(client, ReadToken(await client.GetStringAsync(new Uri(node, "/cases"))));
    }

    /// <summary>Posts the case form to a node; returns the new case's id.</summary>
    public async Task<long> CreateCaseAsync(Uri node, string title)
    {
        using var response = await Client.PostAsync(new Uri(node, "/cases/create"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token,
            ["CompoundId"] = "1",
            ["Category"] = "public_facilities",
            ["Title"] = title,
            ["Description"] = "集群测试用的案件。",
            ["SourceChannel"] = "hotline",
            ["Level"] = "compound",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from node {node}: {body}");
        return long.Parse(CaseIdPattern().Match(body).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public void Dispose() => Client.Dispose();

    private static string ReadToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("\"caseId\"\\s*:\\s*(\\d+)")]
    private static partial Regex CaseIdPattern();
}
