using System.Net;
using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Residents;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Residents;

/// <summary>The rate limiter on resident reports, on an app of its own with low limits.</summary>
[Collection(AppCollection.Name)]
public sealed class ResidentRateLimitTests(ResidentRateLimitTests.App app) : IClassFixture<ResidentRateLimitTests.App>
{
    [Fact]
    public async Task Report_FloodFromOneClient_ThirdRefusedWith429AndChineseMessage()
    {
        var db = app.Services.GetRequiredService<Db>();
        var compound = await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT MIN(compound_id) FROM buildings"));
        var codes = (await app.Services.GetRequiredService<ResidentCommands>().EnsureCodesAsync(new ActingUser { Username = "t", Role = Roles.TownOffice }, compound))!;
        using var phone = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var before = await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases"));

        var statuses = new List<HttpStatusCode>();
        string? refusal = null;
        for (var i = 0; i < 3; i++)
        {
            using var response = await phone.PostAsync($"/r/{codes.Buildings[i % codes.Buildings.Count].Code}", ResidentFlowTests.Report($"第{i + 1}次上报", null, null));
            statuses.Add(response.StatusCode);
            refusal = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("提交太频繁，请稍后再试", refusal, StringComparison.Ordinal);
        Assert.Equal(before + 2, await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases")));
        using var form = await phone.GetAsync($"/r/{codes.Buildings[0].Code}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    public sealed class App : LiwaterAppFactory
    {
        public App()
        {
            Settings["Liwater:Residents:ReportsPerClient"] = "2";
            Settings["Liwater:Residents:ReportsPerBuilding"] = "100";
        }
    }
}
