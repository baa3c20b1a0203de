using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.IO.Compression;
using System.Threading.Channels;
using Dapper;
using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

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
    // Endpoints that read their form by hand (no [FromForm] parameter to reflect on) declare their fields here; a POST
    // endpoint that is neither reflected nor declared fails the test.
    private static readonly Dictionary<string, string[]> HandReadForms = new()
    {
        ["POST /r/{code}"] = ["category", "description", "name", "phone"],
        ["POST /t/{token}/confirm"] = ["verdict", "comment"],
        ["POST /account/logout"] = [],
        ["POST /compounds/{id:long}/qr"] = [],
        ["POST /compounds/{id:long}/qr/{buildingId:long}/revoke"] = [],
    };

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
        var routes = Routes();
        Assert.Contains(routes, r => r.Key == "POST /cases/create");
        var forms = Forms(caseId, town.Token, anonymousToken);

        foreach (var (route, endpoint) in routes)
        {
            var (method, pattern) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
            var client = pattern.StartsWith("/account/", StringComparison.Ordinal) ? anonymous : town.Client;
            var values = await RouteValuesAsync(pattern, caseId);

            // Route values: each hostile string (and each number for an id) in place of each value.
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                // A constrained value (an id, a guid) never reaches the handler unless it parses: numbers and raw
                // escapes try the edges, a few texts the fallback; a free value gets every hostile string.
                var texts = parameter.ParameterPolicies.Count > 0 ? HostileStrings.Text.Take(3) : HostileStrings.Text;
                var pieces = texts.Select(t => Escape(t.Value)).Concat(HostileStrings.Numbers).Concat(HostileStrings.RawEncoded);
                foreach (var piece in pieces)
                {
                    var path = Path(pattern, new Dictionary<string, string>(values) { [parameter.Name] = piece });
                    await SendAsync(failures, client, method, path, method == "POST" ? await FieldsAsync(forms, route, null, null) : null, $"{route} [{parameter.Name}]");
                }
            }

            // Query parameters the endpoint reads, each hostile value in turn; then every hostile value at once under names nobody reads.
            foreach (var name in QueryNames(endpoint))
            {
                foreach (var piece in HostileStrings.Text.Select(t => Escape(t.Value)).Concat(HostileStrings.Numbers).Concat(HostileStrings.RawEncoded))
                {
                    var path = Path(pattern, values) + "?" + name + "=" + piece;
                    await SendAsync(failures, client, method, path, method == "POST" ? await FieldsAsync(forms, route, null, null) : null, $"{route} ?{name}");
                }
            }

            var junk = string.Join('&', HostileStrings.Text.Where(t => t.Value.Length < 1000).Select((t, i) => $"x{i}={Escape(t.Value)}").Concat(HostileStrings.RawEncoded.Select((r, i) => $"r{i}={r}")));
            await SendAsync(failures, client, method, Path(pattern, values) + "?" + junk, method == "POST" ? await FieldsAsync(forms, route, null, null) : null, $"{route} ?junk");

            if (method != "POST")
            {
                continue;
            }

            // Form fields: each hostile string in each field, the rest as a valid post.
            var fields = FormFields(route, endpoint);
            forms.TryGetValue(route, out var form);
            foreach (var field in fields)
            {
                foreach (var (name, value) in HostileStrings.Text)
                {
                    if (form?.Prepare is { } prepare)
                    {
                        await prepare();
                    }

                    var body = await FieldsAsync(forms, route, field, value);
                    var response = await SendAsync(failures, form?.Client ?? client, method, Path(pattern, values), body, $"{route} {field}={name}");
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
            var all = await FieldsAsync(forms, route, null, null);
            foreach (var (name, value) in HostileStrings.Text.Where(t => t.Value.Length < 1000))
            {
                all["junk-" + name] = value;
            }

            (await SendAsync(failures, client, method, Path(pattern, values), all, $"{route} junk fields"))?.Dispose();

            // Only the antiforgery token: a form that names none of the fields.
            var tokenOnly = new Dictionary<string, string> { ["__RequestVerificationToken"] = client == anonymous ? anonymousToken : town.Token };
            (await SendAsync(failures, client, method, Path(pattern, values), tokenOnly, $"{route} no fields"))?.Dispose();
        }

        Figures.Record($"hostile_endpoints routes={routes.Count} inputs_tried={tried} server_errors={serverErrors} accepted={accepted} refused={refused} stored_and_compared={verified} seconds={started.Elapsed.TotalSeconds:0.0}");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(60)));
        Assert.True(verified >= 50 && refused > 0, $"the sweep must both store and refuse text (compared {verified}, refused {refused})");
    }

    [Fact]
    public async Task LiveHub_HostileArguments_ErrorOrResyncAndOtherClientsKeepGettingChanges()
    {
        var healthy = Channel.CreateUnbounded<ChangeEntry>();
        await using var watcher = Hub();
        watcher.On<ChangeEntry>(LiveHub.ChangeMessage, c => healthy.Writer.TryWrite(c));
        await watcher.StartAsync();
        await watcher.InvokeAsync<SubscribeResult>("Subscribe", null, null);

        // Every hub method (the hub declares its own), with ids no community has, the edges of long, wrong types,
        // a string past the message limit, and methods that do not exist.
        var methods = typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName && m.Name != nameof(LiveHub.OnDisconnectedAsync)).Select(m => m.Name).ToList();
        Assert.Contains("Subscribe", methods);
        object?[] ids = [null, 0L, -1L, long.MinValue, long.MaxValue, long.MinValue + 1, 9_007_199_254_740_993L];
        var calls = new List<(string Method, object?[] Args)>();
        foreach (var method in methods)
        {
            calls.AddRange(ids.SelectMany(a => ids.Select(b => (method, new[] { a, b }))));
            calls.AddRange(HostileStrings.Text.Where(t => t.Value.Length < 1000).Select(t => (method, new object?[] { t.Value, t.Value })));
            calls.Add((method, [new string('长', 40_000), null]));
            calls.Add((method, [1.5, "1"]));
            calls.Add((method, []));
            calls.Add((method, [null, null, null]));
        }

        calls.Add(("NoSuchMethod", [null, null]));
        calls.Add(("OnDisconnectedAsync", [null]));
        var (answered, errors, dropped) = (0, 0, 0);
        var hostile = Hub();
        await hostile.StartAsync();
        foreach (var (method, args) in calls)
        {
            if (hostile.State != HubConnectionState.Connected)
            {
                dropped++;
                await hostile.DisposeAsync();
                hostile = Hub();
                await hostile.StartAsync();
            }

            try
            {
                var result = await hostile.InvokeCoreAsync<SubscribeResult>(method, args).WaitAsync(TimeSpan.FromSeconds(10));
                answered++;
                if (args is [_, long last] && last < 0)
                {
                    Assert.True(result.Resync, $"{method}({string.Join(", ", args)}) replayed instead of resync");
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
            {
                // An error answer (HubException), or the server closed this connection (a message past its limit).
                errors++;
            }
        }

        await hostile.DisposeAsync();
        var change = await TestWrites.AppendChangeAsync(fixture.Db, ChangeKinds.CaseOpened, fixture.CommunityA, "敌意输入之后");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        ChangeEntry received;
        do
        {
            received = await healthy.Reader.ReadAsync(timeout.Token);
        }
        while (received.Id < change);

        Assert.Equal(change, received.Id);
        Assert.Equal(HubConnectionState.Connected, watcher.State);
        Figures.Record($"hostile_hub calls={calls.Count} answered={answered} errors={errors} connections_dropped={dropped}");
    }

    [Fact]
    public async Task CaseExport_FormulaLookingTitles_WrittenAsTextCellsNotFormulas()
    {
        var marker = "公式" + Guid.NewGuid().ToString("N")[..8];
        string[] formulas = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,1)", "=HYPERLINK(\"http://evil.example\")"];
        foreach (var formula in formulas)
        {
            var created = await fixture.Commands.CreateAsync(fixture.Town, new Liwater.Data.Cases.NewCase
            {
                CompoundId = fixture.CompoundA.Id, Category = "public_facilities", Title = formula + " " + marker, Description = "x", SourceChannel = "hotline", Level = "compound",
            });
            Assert.True(created.Succeeded);
        }

        using var town = await fixture.SignInAsync("t-town");
        using var start = await town.Client.PostAsync("/reports/exports", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = town.Token, ["Text"] = marker }));
        start.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        HttpResponseMessage file;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((file = await town.Client.GetAsync($"/reports/exports/{id}")).StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < deadline)
        {
            file.Dispose();
            await Task.Delay(200);
        }

        using (file)
        {
            file.EnsureSuccessStatusCode();
            using var zip = new ZipArchive(await file.Content.ReadAsStreamAsync());
            var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
            using var reader = new StreamReader(sheet.Open());
            var xml = await reader.ReadToEndAsync();
            var strings = zip.GetEntry("xl/sharedStrings.xml") is { } shared ? await new StreamReader(shared.Open()).ReadToEndAsync() : "";
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
            var text = WebUtility.HtmlDecode(xml + strings);
            foreach (var formula in formulas)
            {
                Assert.Contains(formula + " " + marker, text, StringComparison.Ordinal);
            }
        }
    }

    private HubConnection Hub() => new HubConnectionBuilder()
        .WithUrl(new Uri(fixture.App.BaseAddress, $"{LiveHub.Path}?key=demo-screen-key"))
        .Build();

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

    /// <summary>The routes the app maps (as the authorization matrix lists them), except static files and Blazor's and the hub's own.</summary>
    private List<KeyValuePair<string, RouteEndpoint>> Routes()
    {
        var source = fixture.App.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith('_') && !System.IO.Path.HasExtension((e.RoutePattern.RawText ?? "").Split('/')[^1])
                && !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("hubs/", StringComparison.Ordinal) && !(e.RoutePattern.RawText ?? "").Contains("**", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Where(m => m is "GET" or "POST")
                .Select(m => KeyValuePair.Create($"{m} /{(e.RoutePattern.RawText ?? "").TrimStart('/')}", e)))
            .DistinctBy(r => r.Key)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Query parameters an endpoint reads: a minimal API's simple parameters that are not route values, a page's [SupplyParameterFromQuery] properties.</summary>
    private static IEnumerable<string> QueryNames(RouteEndpoint endpoint)
    {
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component)
        {
            return component.Type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Select(p => (p, a: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                .Where(x => x.a is not null)
                .Select(x => x.a!.Name ?? x.p.Name);
        }

        return endpoint.Metadata.GetMetadata<MethodInfo>() is { } method
            ? method.GetParameters().Where(p => IsSimple(p.ParameterType) && !routeNames.Contains(p.Name!) && p.GetCustomAttribute<FromFormAttribute>() is null).Select(p => p.Name!)
            : [];
    }

    /// <summary>A POST endpoint's form fields: the properties of its [FromForm] parameter, or the fields declared for a hand-read form.</summary>
    private static IReadOnlyList<string> FormFields(string route, RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            return []; // a page's own form-post route: it takes Blazor's enhanced forms, the junk post covers it
        }

        var method = endpoint.Metadata.GetMetadata<MethodInfo>() ?? throw new InvalidOperationException($"{route}: no handler to reflect on");
        var fromForm = method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<FromFormAttribute>() is not null);
        if (fromForm is not null)
        {
            return fromForm.ParameterType.GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToList();
        }

        return HandReadForms.TryGetValue(route, out var declared)
            ? declared
            : throw new InvalidOperationException($"{route} reads its form by hand: declare its fields in HandReadForms so the sweep covers them");
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(decimal);
    }

    private async Task<Dictionary<string, string>> RouteValuesAsync(string pattern, long caseId)
    {
        var meeting = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long?>("SELECT MIN(id) FROM meetings")) ?? 1;
        var council = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM councils"));
        var id = pattern.StartsWith("/compounds", StringComparison.Ordinal) ? fixture.CompoundA.Id
            : pattern.StartsWith("/meeting", StringComparison.Ordinal) ? meeting
            : pattern.Contains("photos", StringComparison.Ordinal) ? 1 : caseId;
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = pattern.Contains("{id:guid}", StringComparison.Ordinal) ? Guid.Empty.ToString() : Invariant(id),
            ["CouncilId"] = Invariant(council),
            ["buildingId"] = Invariant(fixture.Codes.Buildings[^1].BuildingId),
            ["size"] = "thumb",
            ["code"] = fixture.Codes.Buildings[0].Code,
            ["token"] = fixture.TrackingToken,
            ["name"] = "en",
        };
    }

    private static string Path(string pattern, Dictionary<string, string> values) =>
        RouteParameter().Replace(pattern, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "1");

    /// <summary>A valid post to each form endpoint, a way to prepare it and to read back what it stored.</summary>
    private Dictionary<string, FormTarget> Forms(long caseId, string townToken, string anonymousToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new()
        {
            ["POST /cases/create"] = new(
                _ => Task.FromResult(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = townToken, ["CompoundId"] = Invariant(fixture.CompoundA.Id), ["BuildingId"] = Invariant(fixture.BuildingA),
                    ["Category"] = "public_facilities", ["Title"] = "路灯损坏", ["Description"] = "东门路灯不亮", ["SourceChannel"] = "hotline", ["Level"] = "compound",
                }),
                null,
                async (response, field) =>
                {
                    var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("caseId").GetInt64();
                    var column = field switch { "Title" => "title", "Description" => "description", "ReporterName" => "reporter_name", "ReporterPhone" => "reporter_phone", "AssignedUnitName" => "assigned_unit_name", _ => null };
                    return column is null ? (false, null) : (true, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string?>($"SELECT {column} FROM cases WHERE id = @created", new { created })));
                }),
            ["POST /cases/{id:long}/actions"] = new(
                async field => new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = townToken,
                    ["Kind"] = field switch { "Participants" or "HeldOn" => "Consultation", "UnitName" => "Pairing", "DueOn" => "Assign", _ => "FollowUp" },
                    ["ExpectedVersion"] = Invariant(await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @caseId", new { caseId }))),
                    ["Body"] = "跟进情况", ["HeldOn"] = today, ["Participants"] = "物业、楼长", ["UnitName"] = "镇退役军人服务站党支部", ["DueOn"] = today,
                },
                null,
                (_, field) => LatestEventAsync(caseId, field)),
            ["POST /r/{code}"] = new(
                _ => Task.FromResult(new Dictionary<string, string> { ["category"] = "public_facilities", ["description"] = "楼道灯不亮", ["name"] = "", ["phone"] = "" }),
                null,
                async (response, field) =>
                {
                    var token = response.Headers.Location!.OriginalString.Split('/', '?')[2];
                    var column = field switch { "description" => "description", "name" => "reporter_name", "phone" => "reporter_phone", _ => null };
                    return column is null ? (false, null) : (true, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string?>(
                        $"SELECT c.{column} FROM cases c JOIN resident_reports r ON r.case_id = c.id WHERE r.tracking_hash = @hash", new { hash = Liwater.Data.Residents.ResidentTokens.Hash(token) })));
                },
                Client: AnonymousClient()),
            ["POST /t/{token}/confirm"] = new(
                _ => Task.FromResult(new Dictionary<string, string> { ["verdict"] = "unsatisfied", ["comment"] = "还是不亮" }),
                fixture.ResolveTrackedAsync,
                (_, field) => field == "comment" ? LatestEventAsync(fixture.TrackedCase, "Body") : Task.FromResult<(bool, string?)>((false, null)),
                Client: AnonymousClient()),
            ["POST /account/login"] = new(_ => Task.FromResult(new Dictionary<string, string> { ["__RequestVerificationToken"] = anonymousToken, ["Username"] = "nobody", ["Password"] = "wrong-password", ["ReturnUrl"] = "/" }), null, null),
            ["POST /account/logout"] = new(_ => Task.FromResult(new Dictionary<string, string> { ["__RequestVerificationToken"] = anonymousToken }), null, null),
            ["POST /reports/exports"] = new(_ => Task.FromResult(new Dictionary<string, string> { ["__RequestVerificationToken"] = townToken }), null, null),
        };
    }

    private async Task<(bool, string?)> LatestEventAsync(long caseId, string field)
    {
        var column = field switch
        {
            "Body" => "body",
            "Participants" => "json_extract(data, '$.participants')",
            "UnitName" => "json_extract(data, '$.unit')",
            _ => null,
        };
        return column is null
            ? (false, null)
            : (true, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string?>($"SELECT {column} FROM case_events WHERE case_id = @caseId ORDER BY id DESC LIMIT 1", new { caseId })));
    }

    private static async Task<Dictionary<string, string>> FieldsAsync(Dictionary<string, FormTarget> forms, string route, string? field, string? value)
    {
        var fields = forms.TryGetValue(route, out var form) ? await form.Baseline(field) : new Dictionary<string, string>();
        if (field is not null)
        {
            fields[field] = value!;
        }

        return fields;
    }

    private HttpClient AnonymousClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

    private static string Escape(string value) => Uri.EscapeDataString(HostileStrings.OnTheWire(value));

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(string? text) => text is null ? "null" : JsonSerializer.Serialize(text.Length > 60 ? text[..60] + "…" : text);

    private static string Shorten(string body) => body.Length > 300 ? body[..300] : body;

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>A valid post (for the field being tried), what to do before it, how to read back a field it stored.</summary>
    private sealed record FormTarget(
        Func<string?, Task<Dictionary<string, string>>> Baseline,
        Func<Task>? Prepare,
        Func<HttpResponseMessage, string, Task<(bool Found, string? Stored)>>? ReadBack,
        HttpClient? Client = null);
}
