using System.Net;
using Dapper;
using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Components.Pages.Compounds;

/// <summary>Issue 11: a compound page of another community shows community staff no case of that community.</summary>
[Collection(AppCollection.Name)]
public sealed class CompoundAuthorizationTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>
{
    [Theory]
    [InlineData("t-staff-b", false)]
    [InlineData("t-staff-a", true)]
    [InlineData("t-town", true)]
    [InlineData("t-viewer", true)]
    public async Task Get_CompoundOfCommunityA_CaseTitlesOnlyForWhoMayReadThem(string user, bool seesCases)
    {
        var id = await fixture.NewCaseAsync();
        var (code, title) = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(string, string)>("SELECT code, title FROM cases WHERE id = @id", new { id }));
        using var client = await fixture.SignInAsync(user);

        using var response = await client.Client.GetAsync($"/compounds/{fixture.CompoundA.Id}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.CompoundA.Name, html, StringComparison.Ordinal);
        Assert.Equal(seesCases, html.Contains(title, StringComparison.Ordinal));
        Assert.Equal(seesCases, html.Contains(code, StringComparison.Ordinal));
        Assert.Equal(seesCases, html.Contains($"href=\"/cases/{id}\"", StringComparison.Ordinal));
        Assert.Equal(!seesCases, html.Contains("data-testid=\"cases-hidden\"", StringComparison.Ordinal));
    }
}
