using System.Net;
using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>Issue 11 item 10 on the case endpoints: one exact action name, assign through the form, role before input.</summary>
[Collection(AppCollection.Name)]
public sealed class CaseEndpointHygieneTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>
{
    [Theory]
    [InlineData("Reply,Cancel")]
    [InlineData("Reply, Cancel")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("Reply\u0000")]
    public async Task Action_KindThatNamesNoSingleAction_400AndNothingSaved(string kind)
    {
        var id = await fixture.NewCaseAsync();
        using var town = await fixture.SignInAsync("t-town");
        using var response = await PostAsync(town, id, new() { ["Kind"] = kind, ["ExpectedVersion"] = "1", ["Body"] = "内容" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await Version(id));
    }

    [Fact]
    public async Task Assign_ChairThroughTheForm_Saved()
    {
        var id = await fixture.NewCaseAsync(CaseLevels.Town);
        using var chair = await fixture.SignInAsync("t-chair");
        using var response = await PostAsync(chair, id, new()
        {
            ["Kind"] = "Assign", ["ExpectedVersion"] = "1", ["UnitName"] = "镇城建办", ["DueOn"] = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await Version(id));
        Assert.Equal("镇城建办", await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT assigned_unit_name FROM cases WHERE id = @id", new { id })));
    }

    [Theory]
    [InlineData("t-viewer")]
    [InlineData("t-assessor")]
    public async Task Action_ReadOnlyRoleWithInvalidInput_403NotValidation(string user)
    {
        var id = await fixture.NewCaseAsync(CaseLevels.Town);
        using var client = await fixture.SignInAsync(user);
        using var response = await PostAsync(client, id, new() { ["Kind"] = "Assign", ["ExpectedVersion"] = "1" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, await Version(id));
    }

    private static Task<HttpResponseMessage> PostAsync(SignedInClient client, long id, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = client.Token;
        return client.Client.PostAsync($"/cases/{id}/actions", new FormUrlEncodedContent(fields));
    }

    private Task<long> Version(long id) => fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @id", new { id }));
}
