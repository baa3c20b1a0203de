using System.Net;
using Dapper;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Dashboard.Auth;

/// <summary>
/// The authorization matrix, generated from the app's own endpoint table (so a new page or endpoint cannot escape it):
/// every route the app maps × every role (anonymous, the five roles, community staff of another community, the screen
/// key), expected outcomes from the one table below. A route missing from the table fails the test. Route values are
/// filled per route (a compound id for compound routes, a case id for case routes). The hub's methods have their own
/// table, generated from the hub type by reflection.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class AuthorizationMatrixTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>
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
        // The QR sheet of compound A: the town office and compound A's own community staff; everyone else 403.
        ["GET /compounds/{id:long}/qr"] = role => role is "anonymous" or "screen-key" ? Login : role is "t-town" or "t-staff-a" ? In : Denied,
        ["POST /compounds/{id:long}/qr"] = role => role is "anonymous" or "screen-key" ? Login : Bad, // no antiforgery token
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

        // The wall and its hub open for the key and for signed-in staff: one rule (ScreenAccess.MayOpenScreen, decision 0155).
        ["POST /hubs/live/negotiate"] = role => role == "anonymous" ? Denied : In,
    };

    [Fact]
    public async Task EveryRouteEveryRole_MatchesTheDeclaredTable()
    {
        var routes = Routes();
        var unknown = routes.Where(r => !Table.ContainsKey(r)).ToList();
        Assert.True(unknown.Count == 0, "Routes missing from the authorization table: " + string.Join(", ", unknown));

        var caseA = await fixture.NewCaseAsync();
        var values = new RouteValues(
            Case: caseA,
            Compound: fixture.CompoundA.Id,
            Building: fixture.BuildingA,
            Meeting: await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long?>("SELECT MIN(id) FROM meetings")) ?? 1,
            Council: await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM councils")));

        var failures = new List<string>();
        var cells = 0;
        foreach (var role in Roles)
        {
            using var client = role.StartsWith("t-", StringComparison.Ordinal) ? (await fixture.SignInAsync(role)).Client : NewClient();
            foreach (var route in routes.Append("GET /jobs").Append("POST /hubs/live/negotiate").Distinct())
            {
                var (method, pattern) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
                var path = Fill(pattern, values);
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

    /// <summary>
    /// Every hub method of <see cref="LiveHub"/> (found by reflection, as SignalR finds them, so a new method cannot
    /// escape) × every identity: connect (the key in the query, or the account's cookie) and invoke. Expected outcomes
    /// from the one table below; a method missing from it fails the test.
    /// </summary>
    [Fact]
    public async Task EveryHubMethodEveryIdentity_MatchesTheDeclaredTable()
    {
        var methods = HubMethods(typeof(LiveHub));
        Assert.NotEmpty(methods);
        Assert.True(methods.Select(m => m.Name).Order(StringComparer.Ordinal).SequenceEqual(HubTable.Keys.Order(StringComparer.Ordinal)),
            "Hub methods and the hub table differ: methods " + string.Join(", ", methods.Select(m => m.Name)) + "; table " + string.Join(", ", HubTable.Keys));

        var failures = new List<string>();
        var cells = 0;
        foreach (var identity in Roles.Append("wrong-key"))
        {
            using var signedIn = identity.StartsWith("t-", StringComparison.Ordinal) ? await fixture.SignInAsync(identity) : null;
            var key = identity switch { "screen-key" => "?key=demo-screen-key", "wrong-key" => "?key=not-a-key", _ => "" };
            foreach (var method in methods)
            {
                var (args, expectedOf) = HubTable[method.Name];
                var expected = expectedOf(identity);
                await using var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(fixture.App.BaseAddress, LiveHub.Path + key), o => o.Cookies = signedIn?.Cookies ?? new System.Net.CookieContainer())
                    .Build();
                string actual;
                try
                {
                    await connection.StartAsync(TestContext.Current.CancellationToken);
                    var returns = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object);
                    _ = await connection.InvokeCoreAsync(method.Name, returns, args(fixture), TestContext.Current.CancellationToken);
                    actual = In;
                }
                catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    actual = Denied;
                }
                catch (HubException e)
                {
                    actual = "hub-error: " + e.Message;
                }

                cells++;
                if (actual != expected)
                {
                    failures.Add($"{identity} {method.Name} → {actual} (expected {expected})");
                }
            }
        }

        Figures.Record("authorization_matrix_hub_cells", cells);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    // Each hub method: the arguments it is invoked with, and who may invoke it. Subscribe asks for community A's stream,
    // so staff of community B show that the wall's changes are open to every account, as the wall itself is.
    private static readonly Dictionary<string, (Func<CaseAppFixture, object?[]> Args, Func<string, string> Expected)> HubTable = new()
    {
        [nameof(LiveHub.Subscribe)] = (f => [f.CommunityA, null], identity => identity is "anonymous" or "wrong-key" ? Denied : In),
    };

    /// <summary>The methods a client can invoke on a hub, by SignalR's own rule: public instance methods, not property
    /// accessors, declared below <see cref="Hub"/> (so not the base's connection handlers or object's methods).</summary>
    private static List<System.Reflection.MethodInfo> HubMethods(Type hub) =>
        [.. hub.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.DeclaringType != typeof(object) && m.GetBaseDefinition().DeclaringType != typeof(Hub))];

    /// <summary>The ids a route's parameters are filled with, chosen per route: a compound for compound routes, a case for
    /// case routes, and so on. An unknown parameter fails the test, so a new route states what it takes.</summary>
    private sealed record RouteValues(long Case, long Compound, long Building, long Meeting, long Council);

    private static string Fill(string pattern, RouteValues values) => RouteParameter().Replace(pattern, m =>
    {
        var name = m.Groups["name"].Value;
        var section = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
        var value = (name.ToLowerInvariant(), section) switch
        {
            ("id", _) when m.Groups["constraint"].Value == ":guid" => Guid.Empty.ToString(),
            ("id", "compounds") => Id(values.Compound),
            ("id", "cases") => Id(values.Case),
            ("id", "meeting") => Id(values.Meeting),
            ("id", "photos" or "t") => "999999999", // no such photo
            ("councilid", _) => Id(values.Council),
            ("buildingid", _) => Id(values.Building),
            ("size", _) => "thumb",
            ("name", "culture") => "en",
            ("path", _) => "app.css",
            ("code" or "token", _) => "no-such-" + name,
            _ => throw new InvalidOperationException($"No value for route parameter {{{name}}} in {pattern}: add it to {nameof(Fill)}."),
        };
        return value;
    });

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\*\*)?(?<name>[A-Za-z]+)(?<constraint>:[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();

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
