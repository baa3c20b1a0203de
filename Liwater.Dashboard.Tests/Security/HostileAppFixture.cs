using Dapper;
using Liwater.Dashboard.Tests.Components.Pages.Cases;
using Liwater.Data.Cases;
using Liwater.Data.Residents;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>
/// The case fixture (demo data, one account per role) with the resident channel's rate limits high enough for a sweep,
/// the first compound's QR codes issued and one resident report filed (its tracking token opens /t/{token}).
/// </summary>
public sealed class HostileAppFixture() : CaseAppFixture(app =>
{
    app.Settings["Liwater:Residents:ReportsPerClient"] = "100000";
    app.Settings["Liwater:Residents:ReportsPerBuilding"] = "100000";
})
{
    public CompoundCodes Codes { get; private set; } = null!;

    public string TrackingToken { get; private set; } = "";

    public long TrackedCase { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var residents = App.Services.GetRequiredService<ResidentCommands>();
        Codes = (await residents.EnsureCodesAsync(Town, CompoundA.Id))!;
        var report = await residents.ReportAsync(Codes.Buildings[0].Code, new ResidentReportInput { Category = "public_facilities", Description = "楼道灯不亮" });
        (TrackingToken, TrackedCase) = (report.TrackingToken!, report.CaseId!.Value);
    }

    /// <summary>Resolves the tracked case (as the town office) unless it is resolved already, so a resident can confirm it.</summary>
    public async Task ResolveTrackedAsync()
    {
        var (status, version) = await Db.ReadAsync(c => c.QuerySingleAsync<(string, long)>("SELECT status, version FROM cases WHERE id = @TrackedCase", new { TrackedCase }));
        if (status != CaseStatuses.Resolved)
        {
            var result = await Commands.ApplyAsync(Town, TrackedCase, version, new CaseAction { Kind = CaseActionKind.Resolve, Body = "已处理" });
            Assert.True(result.Succeeded, result.Error?.ToString() ?? string.Join(", ", result.Errors));
        }
    }
}
