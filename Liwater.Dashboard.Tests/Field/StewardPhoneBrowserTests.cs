using Dapper;
using Liwater.Dashboard.Tests.Residents;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Residents;
using Microsoft.Playwright;

namespace Liwater.Dashboard.Tests.Field;

/// <summary>
/// Headless Chromium at 390×844: a resident scans and reports; the property steward opens 「我的待办」, sees the alert,
/// opens the case with the quick reply ready and answers with a template and a photo in two taps. Screenshots of the
/// resident pages, the phone case page and the printed QR sheet.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StewardPhoneBrowserTests(FieldAppFixture fixture, ITestOutputHelper output) : IClassFixture<FieldAppFixture>, IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public ValueTask InitializeAsync() => browser.InitializeAsync();

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task Steward_FromAlertToReplyWithPhoto_InTwoTapsAt390()
    {
        var building = fixture.Codes.Buildings[0];
        var title = "楼道堆放杂物-" + Guid.NewGuid().ToString("N")[..4];

        // The resident, on a phone: scan, fill in, submit.
        var resident = await browser.NewPageAsync(390, 844);
        await resident.GotoAsync(fixture.App.BaseAddress + $"r/{building.Code}");
        await resident.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("resident-report-390"), FullPage = true });
        await resident.Locator("label.chip", new PageLocatorOptions { HasText = "环境卫生" }).ClickAsync();
        await resident.FillAsync("[data-testid=report-description]", title + "，消防通道被堵。");
        await resident.ClickAsync("[data-testid=report-submit]");
        await resident.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/t/[2-9A-Z]{32}"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(resident.Locator("[data-testid=track-created]")).ToBeVisibleAsync();
        await resident.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("resident-tracking-390"), FullPage = true });
        var caseId = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM cases WHERE title LIKE @t", new { t = title + "%" }));

        // The steward: the alert list, then the case.
        var steward = await browser.NewPageAsync(390, 844);
        await steward.GotoAsync(fixture.App.BaseAddress + "login");
        await steward.FillAsync("#username", "f-steward");
        await steward.FillAsync("#password", FieldAppFixture.Password);
        await steward.ClickAsync("[data-testid=login-submit]");
        await steward.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await steward.GotoAsync(fixture.App.BaseAddress + "field");
        await BlazorPage.WaitForInteractiveAsync(steward);
        var card = steward.Locator("[data-testid=work-card]", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(steward.Locator("[data-testid=alert-new]")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex(" 0$"));
        await steward.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("field-my-work-390") });

        await card.ClickAsync();
        await BlazorPage.WaitForRouteAsync(steward, new System.Text.RegularExpressions.Regex($"/cases/{caseId}\\?quick=reply$"));
        await BlazorPage.WaitForInteractiveAsync(steward);
        await Assertions.Expect(steward.Locator("[data-testid=phone-sheet]")).ToBeVisibleAsync();
        var photo = Path.Combine(fixture.App.DataFolder, "stairs.jpg");
        await File.WriteAllBytesAsync(photo, TestPhotos.JpegWithGps(1200, 900));
        await steward.SetInputFilesAsync("[data-testid=phone-photo-input]", photo);
        // Upload over the circuit and re-encoding take a while on a loaded machine.
        await Assertions.Expect(steward.Locator("[data-testid=phone-pending]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        await steward.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("field-case-quick-reply-390") });
        await steward.Locator("[data-testid=phone-template]").First.ClickAsync();

        await Assertions.Expect(steward.Locator("[data-testid=phone-message]")).ToHaveTextAsync("已发送。");
        await Assertions.Expect(steward.Locator("[data-testid=timeline-photo]")).ToHaveCountAsync(1);
        var (replied, eventPhotos) = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(long? RepliedAt, long Photos)>(
            "SELECT c.replied_at, (SELECT COUNT(*) FROM case_photos p JOIN case_events e ON e.id = p.event_id AND e.kind = 'reply' WHERE p.case_id = c.id) FROM cases c WHERE c.id = @caseId",
            new { caseId }));
        Assert.NotNull(replied);
        Assert.Equal(1, eventPhotos);

        // At the thumb, and labels readable: the bar's reply button is inside the first screen; no label one character wide.
        var reply = await steward.Locator("[data-testid=phone-Reply]").BoundingBoxAsync();
        Assert.True(reply!.Y + reply.Height <= 844, $"回复 at y={reply.Y}");
        var narrowest = await steward.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('.case-facts th')].map(th => th.getBoundingClientRect().width))");
        Assert.True(narrowest >= 60, $"narrowest label {narrowest}px");
        output.WriteLine($"phone: 回复 button at y={reply.Y:0}..{reply.Y + reply.Height:0} of 844; narrowest label {narrowest:0}px");
        await steward.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("field-case-phone-390") });
        await steward.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("field-case-phone-390-full"), FullPage = true });

        // The resident sees the reply, without the steward's name.
        await resident.ReloadAsync();
        await Assertions.Expect(resident.Locator("[data-testid=track-event]", new PageLocatorOptions { HasText = "工作人员回复" })).ToHaveCountAsync(1);
        Assert.DoesNotContain("李管家", await resident.ContentAsync(), StringComparison.Ordinal);
    }

    [UiTest]
    [Fact]
    public async Task QrSheet_PrintedOnA4_OneCodePerBuildingWithNameAndAddress()
    {
        var page = await browser.NewPageAsync(1440, 900);
        await page.GotoAsync(fixture.App.BaseAddress + "login");
        await page.FillAsync("#username", "f-staff");
        await page.FillAsync("#password", FieldAppFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));

        await page.GotoAsync(fixture.App.BaseAddress + $"compounds/{fixture.Compound.Id}/qr");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        // A4 at 96 dpi minus the 12 mm margins, as the print engine lays it out.
        await page.SetViewportSizeAsync(704, 1032);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("qr-sheet-print"), FullPage = true });
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });

        var codes = await fixture.Get<ResidentQueries>().FindCodeAsync(fixture.Codes.Buildings[0].Code);
        Assert.NotNull(codes);
        await Assertions.Expect(page.Locator("[data-testid=qr-card]")).ToHaveCountAsync(fixture.Codes.Buildings.Count);
        await Assertions.Expect(page.Locator("[data-testid=qr-url]").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^https://lishui.example.cn/r/[2-9A-Z]{12}$"));
        Assert.False(await page.Locator(".sheet-tools").IsVisibleAsync());
        Assert.True(pdf.Length > 1000);
        output.WriteLine($"QR sheet: {fixture.Codes.Buildings.Count} buildings, PDF {pdf.Length:N0} bytes");
    }
}
