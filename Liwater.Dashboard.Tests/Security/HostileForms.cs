using System.Globalization;
using System.Text.Json;
using Dapper;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>
/// What the hostile sweep posts: a valid post to each form endpoint (for the field being tried), what to do before it,
/// how to read back what it stored, and the route values that reach a real row.
/// </summary>
internal sealed class HostileForms(HostileAppFixture fixture)
{
    public async Task<Dictionary<string, string>> RouteValuesAsync(string pattern, long caseId)
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

    /// <summary>A valid post to each form endpoint, a way to prepare it and to read back what it stored.</summary>
    public Dictionary<string, FormTarget> Forms(long caseId, string townToken, string anonymousToken)
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
            "Participants" => JsonField("participants"),
            "UnitName" => JsonField("unit"),
            _ => null,
        };
        return column is null
            ? (false, null)
            : (true, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string?>($"SELECT {column} FROM case_events WHERE case_id = @caseId ORDER BY id DESC LIMIT 1", new { caseId })));
    }

    // A text member of case_events.data (JSON stored as text on both engines).
    private static string JsonField(string key) =>
        TestDatabases.IsPostgreSql ? $"(data::jsonb)->>'{key}'" : $"json_extract(data, '$.{key}')";

    public static async Task<Dictionary<string, string>> FieldsAsync(Dictionary<string, FormTarget> forms, string route, string? field, string? value)
    {
        var fields = forms.TryGetValue(route, out var form) ? await form.Baseline(field) : new Dictionary<string, string>();
        if (field is not null)
        {
            fields[field] = value!;
        }

        return fields;
    }

    private HttpClient AnonymousClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A valid post (for the field being tried), what to do before it, how to read back a field it stored.</summary>
internal sealed record FormTarget(
    Func<string?, Task<Dictionary<string, string>>> Baseline,
    Func<Task>? Prepare,
    Func<HttpResponseMessage, string, Task<(bool Found, string? Stored)>>? ReadBack,
    HttpClient? Client = null);
