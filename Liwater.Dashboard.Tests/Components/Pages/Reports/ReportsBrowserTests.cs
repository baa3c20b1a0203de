using System.Globalization;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Liwater.Dashboard.Tests.Components.Pages.Reports;

/// <summary>The period report page on the real app (demo data) in headless Chromium: figures, print view, workbook, refusals.</summary>
[Collection(AppCollection.Name)]
public sealed class ReportsBrowserTests(ReportsBrowserTests.App app, BrowserFixture browser)
    : IClassFixture<ReportsBrowserTests.App>, IClassFixture<BrowserFixture>
{
    public sealed class App : LiwaterAppFactory;

    private ReportPeriod LastMonth => ReportPeriod.MonthBefore(app.Services.GetRequiredService<TownClock>().Today);

    [UiTest]
    [Fact]
    public async Task Reports_LastMonthForTown_ShowsFiguresChartsAndPrintsToA4()
    {
        var expected = await app.Services.GetRequiredService<PeriodReportQueries>().GetAsync(LastMonth);
        var page = await OpenAsync($"/reports?period={LastMonth.Code}");

        await Assertions.Expect(page.Locator("[data-testid=fig-opened] .report-figure-value")).ToHaveTextAsync(expected.Total.Totals.Opened.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=fig-resolved] .report-figure-value")).ToHaveTextAsync(expected.Total.Totals.Resolved.ToString(CultureInfo.InvariantCulture));
        Assert.True(expected.Total.Totals.Opened > 0, "the demo data opens cases every day of the last 60");
        await Assertions.Expect(page.Locator("[data-testid=chart-category] svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=table-sla] tbody tr")).ToHaveCountAsync(expected.Total.Sla.Count);
        await Assertions.Expect(page.Locator("[data-testid=table-communities] tbody tr")).ToHaveCountAsync(6);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports"), FullPage = true });

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator(".mud-appbar").IsVisibleAsync());
        Assert.False(await page.Locator("[data-testid=report-export]").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-print"), FullPage = true });
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true, Path = Path.Combine(BrowserFixture.ScreenshotFolder, "reports-print.pdf") });
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_Workbook_HoldsThePageFigures()
    {
        var expected = await app.Services.GetRequiredService<PeriodReportQueries>().GetAsync(LastMonth, communityId: 1);
        var page = await OpenAsync($"/reports?period={LastMonth.Code}&community=1");

        var response = await page.APIRequest.GetAsync(new Uri(app.BaseAddress, $"/reports/export?period={LastMonth.Code}&community=1").ToString());

        Assert.Equal(200, response.Status);
        using var stream = new MemoryStream(await response.BodyAsync());
        var summary = (await stream.QueryAsync(useHeaderRow: true, sheetName: "汇总")).Cast<IDictionary<string, object>>().ToList();
        var figures = summary.ToDictionary(r => (string)r["指标"], r => Convert.ToString(r["数值"], CultureInfo.InvariantCulture));
        Assert.Equal(expected.Total.Name, figures["范围"]);
        Assert.Equal(expected.Total.Totals.Opened.ToString(CultureInfo.InvariantCulture), figures["新增案件"]);
        Assert.Equal(expected.Total.Totals.Resolved.ToString(CultureInfo.InvariantCulture), figures["办理完毕"]);
        stream.Position = 0;
        var sla = (await stream.QueryAsync(useHeaderRow: true, sheetName: "时限达标")).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(expected.Total.Sla.Count, sla.Count);
        Assert.Equal(expected.Total.Sla.Sum(s => s.Due), sla.Sum(r => Convert.ToInt64(r["到期"], CultureInfo.InvariantCulture)));
    }

    [UiTest]
    [Fact]
    public async Task Reports_FutureEmptyAndBadPeriods_AnswerWithAClearMessage()
    {
        var today = app.Services.GetRequiredService<TownClock>().Today;
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var page = await OpenAsync($"/reports?period={next:yyyy-MM}");
        await Assertions.Expect(page.Locator("[data-testid=report-message]")).ToContainTextAsync("尚未开始");
        Assert.Equal(0, await page.Locator("[data-testid=report-figures]").CountAsync());

        await page.GotoAsync(new Uri(app.BaseAddress, "/reports?period=2015-02").ToString());
        await Assertions.Expect(page.Locator("[data-testid=report-message]")).ToContainTextAsync("本期报表为空");
        await Assertions.Expect(page.Locator("[data-testid=fig-opened] .report-figure-value")).ToHaveTextAsync("0");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("reports-empty") });

        await page.GotoAsync(new Uri(app.BaseAddress, "/reports?period=2026-13").ToString());
        await Assertions.Expect(page.Locator("[data-testid=report-message]")).ToContainTextAsync("无效");

        var future = await page.APIRequest.GetAsync(new Uri(app.BaseAddress, $"/reports/export?period={next:yyyy-MM}").ToString());
        Assert.Equal(400, future.Status);
        Assert.Contains("尚未开始", await future.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_CommunityStaff_SeeOnlyTheirCommunity()
    {
        var page = await OpenAsync($"/reports?period={LastMonth.Code}&community=3", "jinxi", "demo-community-staff");

        await Assertions.Expect(page.Locator("[data-testid=report-title]")).ToContainTextAsync("金溪社区");
        Assert.Equal(0, await page.Locator("[data-testid=report-scope]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=table-communities]").CountAsync());
    }

    [Fact]
    public async Task Reports_Viewer_IsRefused()
    {
        var page = await OpenAsync("/reports", "viewer", "demo-viewer");

        await Assertions.Expect(page.Locator("[data-testid=reports-refused]")).ToBeVisibleAsync();
        var export = await page.APIRequest.GetAsync(new Uri(app.BaseAddress, $"/reports/export?period={LastMonth.Code}").ToString());
        Assert.Equal(403, export.Status);
    }

    [Fact]
    public async Task Cases_ExportTownQueue_DownloadsEveryFilteredRowAndSaysWhenNothingMatches()
    {
        var page = await OpenAsync("/cases");
        await page.Locator("[data-testid=town-queue]").ClickAsync();
        await page.Locator("[data-testid=export-cases]").ClickAsync();

        var download = page.Locator("[data-testid=export-download]");
        await Assertions.Expect(download).ToBeVisibleAsync(new() { Timeout = 30000 });
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("cases-export") });
        var response = await page.APIRequest.GetAsync(new Uri(app.BaseAddress, await download.GetAttributeAsync("href")).ToString());
        Assert.Equal(200, response.Status);
        using var stream = new MemoryStream(await response.BodyAsync());
        var rows = (await stream.QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object>>().ToList();
        // The watchdog may escalate cases meanwhile, so the count is the one the export announced when it finished.
        var announced = int.Parse(System.Text.RegularExpressions.Regex.Match(await download.InnerTextAsync(), @"\d+").Value, CultureInfo.InvariantCulture);
        Assert.True(announced > 0, "the demo data has active town-level cases");
        Assert.Equal(announced, rows.Count);
        Assert.All(rows, r => Assert.Equal("镇（联席会议）", r["层级"]));

        await page.ReloadAsync();
        await BlazorPage.WaitForInteractiveAsync(page, 30000);
        await page.Locator("input[data-testid=case-search]").FillAsync("没有这样的诉求XYZ");
        await Assertions.Expect(page.Locator("[data-testid=case-link]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=export-cases]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=export-message]")).ToContainTextAsync("没有符合当前筛选条件的案件");
    }

    [UiTest]
    [Fact]
    public async Task Ratings_ServiceRecordPanel_ShowsEveryUnitBesideTheScoresAndTheSelectedUnitsHistory()
    {
        var page = await OpenAsync("/ratings");

        await Assertions.Expect(page.Locator("[data-testid=service-record-table] tbody tr")).ToHaveCountAsync(39);
        await page.Locator("[data-testid=league] tbody tr").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=service-record-history] tbody tr").First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=computed-item-note]").CountAsync());
        await page.Locator("[data-testid=service-record]").ScrollIntoViewIfNeededAsync();
        await page.Locator("[data-testid=service-record]").ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("ratings-service-record") });
    }

    private async Task<IPage> OpenAsync(string path, string username = "chengzhiban", string password = "demo-town-office")
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/login").ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        await BlazorPage.WaitForInteractiveAsync(page, 30000);
        return page;
    }
}
