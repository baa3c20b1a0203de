using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>
/// Issue 11's hostile-input sweep over HTTP, generated from the app's own endpoint table (so a new endpoint, query
/// parameter or form field cannot escape it): every hostile string into every route value, every query parameter
/// (minimal-API parameters and pages' [SupplyParameterFromQuery] properties) and every form field, signed in as a
/// role allowed to use the endpoint. Never a 5xx; text an endpoint accepts is stored exactly as it arrived (trimmed, as
/// the forms say), read back from the database.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class HostileEndpointTests(HostileAppFixture fixture) : IClassFixture<HostileAppFixture>
{
    private int tried;
    private int serverErrors;
    private int accepted;
    private int refused;
    private int verified;

    [Fact]
    public async Task EveryInputOfEveryEndpoint_HostileStrings_NoServerErrorAndStoredAsSent()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var town = await fixture.SignInAsync("t-town");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = fixture.App.BaseAddress };
        var anonymousToken = Token(await anonymous.GetStringAsync("/login"));
        var caseId = await fixture.NewCaseAsync();
        var failures = new List<string>();
        var routes = EndpointTable.Routes(fixture.App.Services);
        Assert.Contains(routes, r => r.Key == "POST /cases/create");
        var hostileForms = new HostileForms(fixture);
        var forms = hostileForms.Forms(caseId, town.Token, anonymousToken);

        foreach (var (route, endpoint) in routes)
        {
            var (method, pattern) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
            var client = pattern.StartsWith("/account/", StringComparison.Ordinal) ? anonymous : town.Client;
            var values = await hostileForms.RouteValuesAsync(pattern, caseId);

            // Route values: each hostile string (and each number for an id) in place of each value.
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                // A constrained value (an id, a guid) never reaches the handler unless it parses: numbers and raw
                // escapes try the edges, a few texts the fallback; a free value gets every hostile string.
                var texts = parameter.ParameterPolicies.Count > 0 ? HostileStrings.Text.Take(3) : HostileStrings.Text;
                var pieces = texts.Select(t => Escape(t.Value)).Concat(HostileStrings.Numbers).Concat(HostileStrings.RawEncoded);
                foreach (var piece in pieces)
                {
                    var path = EndpointTable.Path(pattern, new Dictionary<string, string>(values) { [parameter.Name] = piece });
                    await SendAsync(failures, client, method, path, method == "POST" ? await HostileForms.FieldsAsync(forms, route, null, null) : null, $"{route} [{parameter.Name}]");
                }
            }

            // Query parameters the endpoint reads, each hostile value in turn; then every hostile value at once under names nobody reads.
            foreach (var name in EndpointTable.QueryNames(endpoint))
            {
                foreach (var piece in HostileStrings.Text.Select(t => Escape(t.Value)).Concat(HostileStrings.Numbers).Concat(HostileStrings.RawEncoded))
                {
                    var path = EndpointTable.Path(pattern, values) + "?" + name + "=" + piece;
                    await SendAsync(failures, client, method, path, method == "POST" ? await HostileForms.FieldsAsync(forms, route, null, null) : null, $"{route} ?{name}");
                }
            }

            var junk = string.Join('&', HostileStrings.Text.Where(t => t.Value.Length < 1000).Select((t, i) => $"x{i}={Escape(t.Value)}").Concat(HostileStrings.RawEncoded.Select((r, i) => $"r{i}={r}")));
            await SendAsync(failures, client, method, EndpointTable.Path(pattern, values) + "?" + junk, method == "POST" ? await HostileForms.FieldsAsync(forms, route, null, null) : null, $"{route} ?junk");

            if (method != "POST")
            {
                continue;
            }

            // Form fields: each hostile string in each field, the rest as a valid post.
            var fields = EndpointTable.FormFields(route, endpoint);
            forms.TryGetValue(route, out var form);
            foreach (var field in fields)
            {
                foreach (var (name, value) in HostileStrings.Text)
                {
                    if (form?.Prepare is { } prepare)
                    {
                        await prepare();
                    }

                    var body = await HostileForms.FieldsAsync(forms, route, field, value);
                    var response = await SendAsync(failures, form?.Client ?? client, method, EndpointTable.Path(pattern, values), body, $"{route} {field}={name}");
                    if (response is { } ok && (int)ok.StatusCode is >= 200 and < 400 && form?.ReadBack is { } readBack && await readBack(ok, field) is var (found, stored) && found)
                    {
                        verified++;
                        var expected = HostileStrings.OnTheWire(value).Trim();
                        if (!string.Equals(stored ?? "", expected, StringComparison.Ordinal))
                        {
                            failures.Add($"{route} {field}={name}: accepted ({(int)ok.StatusCode}) but stored {Show(stored)} instead of {Show(expected)}");
                        }
                    }

                    response?.Dispose();
                }
            }

            // A page's own form-post route and any other post: all hostile values at once in fields nobody reads.
            var all = await HostileForms.FieldsAsync(forms, route, null, null);
            foreach (var (name, value) in HostileStrings.Text.Where(t => t.Value.Length < 1000))
            {
                all["junk-" + name] = value;
            }

            (await SendAsync(failures, client, method, EndpointTable.Path(pattern, values), all, $"{route} junk fields"))?.Dispose();

            // Only the antiforgery token: a form that names none of the fields.
            var tokenOnly = new Dictionary<string, string> { ["__RequestVerificationToken"] = client == anonymous ? anonymousToken : town.Token };
            (await SendAsync(failures, client, method, EndpointTable.Path(pattern, values), tokenOnly, $"{route} no fields"))?.Dispose();
        }

        Figures.Record($"hostile_endpoints routes={routes.Count} inputs_tried={tried} server_errors={serverErrors} accepted={accepted} refused={refused} stored_and_compared={verified} seconds={started.Elapsed.TotalSeconds:0.0}");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(60)));
        Assert.True(verified >= 50 && refused > 0, $"the sweep must both store and refuse text (compared {verified}, refused {refused})");
    }

    private async Task<HttpResponseMessage?> SendAsync(List<string> failures, HttpClient client, string method, string path, Dictionary<string, string>? form, string what)
    {
        tried++;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (form is not null)
        {
            request.Content = new StringContent(string.Join('&', form.Select(f => Escape(f.Key) + "=" + Escape(f.Value))), Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            serverErrors++;
            failures.Add($"{what}: connection failed ({e.Message})");
            return null;
        }

        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            serverErrors++;
            failures.Add($"{what}: {status} {Shorten(await response.Content.ReadAsStringAsync())}");
        }
        else if (status < 400)
        {
            accepted++;
        }
        else
        {
            refused++;
        }

        return response;
    }

    private static string Escape(string value) => Uri.EscapeDataString(HostileStrings.OnTheWire(value));

    private static string Show(string? text) => text is null ? "null" : JsonSerializer.Serialize(text.Length > 60 ? text[..60] + "…" : text);

    private static string Shorten(string body) => body.Length > 300 ? body[..300] : body;

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
