using System.Net;
using Dapper;
using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Dashboard.Auth;

/// <summary>
/// The authorization matrix, generated from the app's own endpoint table (so a new page or endpoint cannot escape it):
/// every route the app maps × every role (anonymous, the five roles, community staff of another community, the screen
/// key), expected outcomes from the one table below. A route missing from the table fails the test.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AuthorizationMatrixTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>
{
    // Who: anonymous, the screen key (no sign-in), and the fixture's accounts.
    private static readonly string[] Roles = ["anonymous", "screen-key", "t-town", "t-staff-a", "t-staff-b", "t-chair", "t-assessor", "t-viewer"];

    // What each may get. In: the page or endpoint answers (2xx; for POST endpoints with an empty form, 400 = passed
    // the door and refused the input). Login: sent to /login. Denied: 401/403. The key opens only /screen and the hub.
    private const string In = "in";
    private const string Login = "login";
    private const string Denied = "denied";
    private const string Bad = "bad-input";
    private const string NotFound = "not-found";
    private const string Refused = "refusal-page";

    private static readonly Dictionary<string, Func<string, string>> Table = new()
    {
        ["GET /"] = Staff,
        ["GET /cases"] = Staff,
        ["GET /cases/new"] = role => role is "anonymous" or "screen-key" ? Login : role is "t-town" or "t-staff-a" or "t-staff-b" ? In : Denied,
        ["GET /cases/{Id:long}"] = Staff,
        ["GET /meeting"] = Staff,
        ["GET /meeting/{Id:long}/minutes"] = Staff,
        ["GET /councils"] = Staff,
        ["GET /councils/{CouncilId:long}"] = Staff,
        ["GET /ratings"] = Staff,
        ["GET /volunteers"] = Staff,
        ["GET /compounds/{Id:long}"] = Staff,
        ["GET /users"] = role => role == "t-town" ? In : role is "anonymous" or "screen-key" ? Login : Refused,
        ["GET /jobs"] = role => role == "t-town" ? In : role is "anonymous" or "screen-key" ? Denied : Refused,
        ["GET /screen"] = role => role == "anonymous" ? Denied : In,
        ["GET /login"] = _ => In,
        ["GET /healthz"] = _ => In, // the load balancer's probe: database and feed lag, no data
        ["GET /access-denied"] = _ => Denied, // the refusal page itself answers 403
        ["GET /field"] = Staff,
        ["GET /notifications"] = Staff,
        ["GET /notifications/deliveries"] = role => role == "t-town" ? In : role is "anonymous" or "screen-key" ? Login : Refused,
        ["GET /reports"] = Staff,
        ["GET /reports/export"] = role => role is "anonymous" or "screen-key" ? Login : role is "t-assessor" or "t-viewer" ? Denied : Bad, // no period given
        ["GET /reports/exports/{id:guid}"] = role => role is "anonymous" or "screen-key" ? Login : NotFound,
        ["GET /reports/exports/{id:guid}/status"] = role => role is "anonymous" or "screen-key" ? Login : NotFound,
        ["POST /reports/exports"] = role => role is "anonymous" or "screen-key" ? Login : Bad,
        ["GET /photos/{id:long}/{size}"] = role => role is "anonymous" or "screen-key" ? Login : NotFound,
        ["GET /compounds/{id:long}/qr"] = role => role is "anonymous" or "screen-key" ? Login : Denied, // as merged: every role 403 (reported to the lead)
        ["POST /compounds/{id:long}/qr/{buildingId:long}/revoke"] = role => role is "anonymous" or "screen-key" ? Login : Bad,

        // The resident channel is public by design (a QR code or a tracking token is the key); unknown ones are 404.
        ["GET /r/{code}"] = _ => NotFound,
        ["POST /r/{code}"] = _ => NotFound,
        ["GET /t/{token}"] = _ => NotFound,
        ["POST /t/{token}/confirm"] = _ => NotFound,
        ["GET /t/{token}/photos/{id:long}/{size}"] = _ => NotFound,
        ["GET /{**path:file}"] = _ => In,
        ["GET /Error"] = _ => In,
        ["GET /not-found"] = _ => In,
        ["GET /culture/{name}"] = _ => "redirect",
        ["POST /account/login"] = _ => Bad,
        ["POST /account/logout"] = _ => Bad,
        ["POST /cases/create"] = role => role is "anonymous" or "screen-key" ? Login : Bad,
        // Without an antiforgery token every signed-in post is refused as bad input before anything runs (the role check
        // with a valid token is CaseEndpointHygieneTests).
        ["POST /cases/{id:long}/actions"] = role => role is "anonymous" or "screen-key" ? Login : Bad,

        // The wall opens for the key and for signed-in staff (issue 10 item 8); the hub takes the key only.
        ["POST /hubs/live/negotiate"] = role => role == "screen-key" ? In : Denied,
    };

    [Fact]
    public async Task EveryRouteEveryRole_MatchesTheDeclaredTable()
    {
        var routes = Routes();
        var unknown = routes.Where(r => !Table.ContainsKey(r)).ToList();
        Assert.True(unknown.Count == 0, "Routes missing from the authorization table: " + string.Join(", ", unknown));

        var caseA = await fixture.NewCaseAsync();
        var ids = await fixture.Db.ReadAsync(async c => new Dictionary<string, long>
        {
            ["Id"] = caseA,
            ["CouncilId"] = await c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM councils"),
        });
        var compound = fixture.CompoundA.Id;
        var meeting = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long?>("SELECT MIN(id) FROM meetings")) ?? 1;

        var failures = new List<string>();
        var cells = 0;
        foreach (var role in Roles)
        {
            using var client = role.StartsWith("t-", StringComparison.Ordinal) ? (await fixture.SignInAsync(role)).Client : NewClient();
            foreach (var route in routes.Append("GET /jobs").Append("POST /hubs/live/negotiate").Distinct())
            {
                var (method, pattern) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
                var path = pattern
                    .Replace("{Id:long}", (pattern.StartsWith("/compounds", StringComparison.Ordinal) ? compound : pattern.StartsWith("/meeting", StringComparison.Ordinal) ? meeting : caseA).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{id:long}", caseA.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{CouncilId:long}", ids["CouncilId"].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{name}", "en", StringComparison.Ordinal)
                    .Replace("{**path:file}", "app.css", StringComparison.Ordinal)
                    .Replace("{id:long}/{size}", "999999999/thumb", StringComparison.Ordinal)
                    .Replace("/compounds/{id:long}", "/compounds/" + compound.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{buildingId:long}", fixture.BuildingA.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{id:guid}", Guid.Empty.ToString(), StringComparison.Ordinal)
                    .Replace("{code}", "no-such-code", StringComparison.Ordinal)
                    .Replace("{token}", "no-such-token", StringComparison.Ordinal);
                if (role == "screen-key")
                {
                    path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "key=demo-screen-key";
                }

                if (pattern == "/hubs/live/negotiate")
                {
                    path += "&negotiateVersion=1";
                    path = path.Replace("negotiate&", "negotiate?", StringComparison.Ordinal);
                }

                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method == "POST")
                {
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string>());
                }

                using var response = await client.SendAsync(request);
                var actual = Classify(response);
                var expected = Table[route](role);
                cells++;
                if ((int)response.StatusCode >= 500 || actual != expected)
                {
                    failures.Add($"{role} {route} → {(int)response.StatusCode} {response.Headers.Location} ({actual}, expected {expected})");
                }
            }
        }

        // Community staff against another community's case: the page opens but names nothing of the case.
        using var other = (await fixture.SignInAsync("t-staff-b")).Client;
        var html = await other.GetStringAsync($"/cases/{caseA}");
        var code = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT code FROM cases WHERE id = @caseA", new { caseA }));
        Assert.DoesNotContain(code!, html, StringComparison.Ordinal);
        using var act = await fixture.SignInAsync("t-staff-b");
        using var foreign = await act.ActAsync(caseA, Liwater.Data.Cases.CaseActionKind.Reply, 1);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);

        Figures.Record("authorization_matrix_cells", cells);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string Staff(string role) => role is "anonymous" or "screen-key" ? Login : In;

    private static string Classify(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        >= 200 and < 300 => In,
        302 when response.Headers.Location is { } location
            && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]) == "/login" => Login,
        302 when response.Headers.Location?.OriginalString.Contains("/access-denied", StringComparison.Ordinal) == true => Refused,
        302 => "redirect",
        401 or 403 => Denied,
        400 => Bad,
        404 => NotFound,
        var s => s.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>"METHOD /pattern" for every routable page and endpoint the app maps, except static files and Blazor's own.</summary>
    private List<string> Routes()
    {
        var source = fixture.App.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => !e.Pattern.StartsWith("/_", StringComparison.Ordinal) && !Path.HasExtension(e.Pattern.Split('/')[^1]) && !e.Pattern.StartsWith("/hubs/", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Where(m => m is "GET" or "POST").Select(m => $"{m} {e.Pattern}"))
            .Where(r => !(r.StartsWith("POST /", StringComparison.Ordinal) && Table.ContainsKey("GET " + r[5..]))) // a page's own form-post route
            .Distinct()
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();
    }

    private HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };
}
