using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>POST /cases/create (the form endpoint the benchmark harness writes through) on the real app.</summary>
[Collection(AppCollection.Name)]
public sealed class CaseCreateEndpointTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>
{
    [Fact]
    public async Task Create_StaffOfTheCommunity_CaseSavedWithChangeLogEntry()
    {
        using var staff = await fixture.SignInAsync("t-staff-a");

        using var response = await PostAsync(staff, fixture.CompoundA.Id, "接口登记：电梯故障");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = json.RootElement.GetProperty("caseId").GetInt64();
        var saved = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(string Title, long CompoundId)>("SELECT title, compound_id FROM cases WHERE id = @id", new { id }));
        Assert.Equal(("接口登记：电梯故障", fixture.CompoundA.Id), saved);
        Assert.Equal(1L, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM change_log WHERE kind = 'case.opened' AND entity_id = @id", new { id })));
    }

    [Fact]
    public async Task Create_Viewer_RefusedAndNothingSaved()
    {
        using var viewer = await fixture.SignInAsync("t-viewer");

        using var response = await PostAsync(viewer, fixture.CompoundA.Id, "接口登记：观察员不能登记");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0L, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases WHERE title = '接口登记：观察员不能登记'")));
    }

    [Fact]
    public async Task Create_BlankTitle_BadRequestNamingTheField()
    {
        using var staff = await fixture.SignInAsync("t-staff-a");

        using var response = await PostAsync(staff, fixture.CompoundA.Id, "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("Title", out _));
    }

    private static Task<HttpResponseMessage> PostAsync(SignedInClient user, long compoundId, string title) =>
        user.Client.PostAsync("/cases/create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = user.Token,
            ["CompoundId"] = compoundId.ToString(CultureInfo.InvariantCulture),
            ["Category"] = "public_facilities",
            ["Title"] = title,
            ["Description"] = "小区电梯停在三楼。",
            ["SourceChannel"] = "hotline",
            ["Level"] = "compound",
        }));
}
