using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Liwater.Bench.Harness;

/// <summary>
/// An HTTP client signed in exactly as the login form does (GET /login, POST /account/login, then the antiforgery
/// token bound to the user from a signed-in page), writing through the app's case form endpoints — the same
/// CaseCommands as the pages' buttons.
/// </summary>
internal sealed partial class AppClient : IDisposable
{
    private readonly HttpClient client;
    private string token = "";

    private AppClient(HttpClient client) => this.client = client;

    public static async Task<AppClient> SignInAsync(Uri baseAddress, string username, string password)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 256 };
        var app = new AppClient(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) });
        var loginToken = Token(await app.client.GetStringAsync("/login"));
        using var response = await app.client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = loginToken, ["Username"] = username, ["Password"] = password, ["ReturnUrl"] = "/cases",
        }));
        if (response.Headers.Location?.ToString() != "/cases")
        {
            throw new InvalidOperationException($"Sign-in as {username} failed: redirected to {response.Headers.Location}");
        }

        app.token = Token(await app.client.GetStringAsync("/cases"));
        return app;
    }

    public HttpClient Http => client;

    /// <summary>POST /cases/create; returns the new case id and version.</summary>
    public async Task<(long CaseId, long Version)> CreateCaseAsync(long compoundId, string title, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsync("/cases/create", Form(new()
        {
            ["CompoundId"] = compoundId.ToString(CultureInfo.InvariantCulture),
            ["Category"] = "public_facilities",
            ["Title"] = title,
            ["Description"] = "基准测试：小区东门路灯不亮。",
            ["SourceChannel"] = "hotline",
            ["Level"] = "compound",
        }), cancellationToken);
        var result = await Read(response, cancellationToken);
        return (result.CaseId ?? 0, result.Version ?? 0);
    }

    /// <summary>POST /cases/{id}/actions with a follow-up (a timeline entry that can repeat); returns the new version.</summary>
    public async Task<long> FollowUpAsync(long caseId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsync($"/cases/{caseId}/actions", Form(new()
        {
            ["Kind"] = "FollowUp",
            ["ExpectedVersion"] = expectedVersion.ToString(CultureInfo.InvariantCulture),
            ["Body"] = "基准测试：已电话回访。",
        }), cancellationToken);
        return (await Read(response, cancellationToken)).Version ?? 0;
    }

    /// <summary>POSTs a form with the antiforgery token and throws on a failure status, with the body.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, CancellationToken cancellationToken = default)
    {
        var response = await client.PostAsync(path, Form(fields), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return response;
    }

    public void Dispose() => client.Dispose();

    private FormUrlEncodedContent Form(Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return new FormUrlEncodedContent(fields);
    }

    private static async Task<CommandResult> Read(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<CommandResult>(cancellationToken) ?? new CommandResult();
    }

    private static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class CommandResult
    {
        public long? CaseId { get; init; }
        public long? Version { get; init; }
    }
}
