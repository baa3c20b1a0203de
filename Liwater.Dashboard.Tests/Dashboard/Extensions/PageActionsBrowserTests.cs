using Liwater.Dashboard.Tests.Residents;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Liwater.Data.Residents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Dashboard.Extensions;

/// <summary>
/// Print and confirm buttons under the app's Content-Security-Policy (no inline script): they work through
/// wwwroot/page-actions.js, and the browser reports no policy violation on the pages that have them.
/// </summary>
[Collection(AppCollection.Name)]
[UiTest]
public sealed class PageActionsBrowserTests(FieldAppFixture fixture) : IClassFixture<FieldAppFixture>, IAsyncLifetime
{
    // Runs before any page script (injected by the browser, outside the policy): counts prints and policy violations.
    private const string Probe = """
        window.__printed = 0;
        window.print = () => { window.__printed++; };
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private readonly BrowserFixture browser = new();

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task MinutesPage_PrintButton_PrintsWithoutPolicyViolation()
    {
        var commands = fixture.Get<MeetingCommands>();
        if (await fixture.Get<MeetingQueries>().GetInSessionAsync() is { } sitting)
        {
            Assert.True((await commands.CloseAsync(FieldAppFixture.Town, sitting.Id, sitting.Version)).Succeeded);
        }

        var opened = await commands.OpenAsync(FieldAppFixture.Town, new NewMeeting { HeldOn = fixture.Get<TownClock>().Today, Chair = "李镇长", Attendees = "城治办" });
        var (page, violations) = await SignInAsync();

        await page.GotoAsync(fixture.App.BaseAddress + $"meeting/{opened.MeetingId}/minutes");
        await page.ClickAsync("[data-testid=print]");

        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__printed"));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task QrSheet_PrintAndRevoke_PrintsAndAsksBeforeRevoking()
    {
        var building = fixture.Codes.Buildings[^1];
        var (page, violations) = await SignInAsync();
        await page.GotoAsync(fixture.App.BaseAddress + $"compounds/{fixture.Compound.Id}/qr");
        await page.ClickAsync("[data-testid=print]");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__printed"));

        // Declined: nothing is sent, the code still works.
        var asked = new List<string>();
        void Decline(object? sender, IDialog dialog)
        {
            asked.Add(dialog.Message);
            _ = dialog.DismissAsync();
        }

        page.Dialog += Decline;
        var revoke = page.Locator($"[data-testid=revoke-form][action$='/qr/{building.BuildingId}/revoke'] button");
        await revoke.ClickAsync();
        await page.WaitForTimeoutAsync(300);
        page.Dialog -= Decline;
        Assert.Single(asked);
        Assert.Contains("失效", asked[0], StringComparison.Ordinal);
        Assert.Equal(building.Code, await CurrentCodeAsync(building.BuildingId));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));

        // Accepted: the code is revoked and the sheet comes back with a new one.
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await revoke.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=qr-grid]")).Not.ToContainTextAsync("/r/" + building.Code);
        Assert.NotEqual(building.Code, await CurrentCodeAsync(building.BuildingId));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.Empty(violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("qr-sheet-actions"), FullPage = true });
    }

    [Fact]
    public async Task QrSheet_CompoundWithoutCodes_SaysSoAndTheButtonIssuesThem()
    {
        var compoundId = await fixture.Db.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c,
            """
            SELECT MAX(p.id) FROM compounds p
            WHERE p.community_id = @CommunityId AND p.id <> @Id AND EXISTS (SELECT 1 FROM buildings b WHERE b.compound_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM buildings b JOIN building_codes k ON k.building_id = b.id WHERE b.compound_id = p.id)
            """,
            new { fixture.Compound.CommunityId, fixture.Compound.Id }));
        var buildings = await fixture.Db.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<int>(c, "SELECT COUNT(*) FROM buildings WHERE compound_id = @compoundId", new { compoundId }));
        var (page, violations) = await SignInAsync();
        await page.GotoAsync(fixture.App.BaseAddress + $"compounds/{compoundId}/qr");
        await Assertions.Expect(page.Locator("[data-testid=codes-missing]")).ToContainTextAsync($"{buildings} 栋楼还没有二维码");
        await Assertions.Expect(page.Locator("[data-testid=qr-card]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("qr-sheet-missing"), FullPage = true });

        await page.ClickAsync("[data-testid=issue-codes]");

        await Assertions.Expect(page.Locator("[data-testid=qr-card]")).ToHaveCountAsync(buildings);
        await Assertions.Expect(page.Locator("[data-testid=codes-missing]")).ToHaveCountAsync(0);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.Empty(violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("qr-sheet-issued") });
    }

    private async Task<string?> CurrentCodeAsync(long buildingId) =>
        (await fixture.Get<ResidentCommands>().EnsureCodesAsync(FieldAppFixture.Town, fixture.Compound.Id))!.Buildings.Single(b => b.BuildingId == buildingId).Code;

    private async Task<(IPage Page, List<string> Violations)> SignInAsync()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await page.AddInitScriptAsync(Probe);
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", "f-staff");
        await page.FillAsync("#password", FieldAppFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return (page, violations);
    }
}
