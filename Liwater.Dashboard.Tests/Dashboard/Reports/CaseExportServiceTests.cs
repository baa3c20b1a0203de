using System.Globalization;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Components.Pages.Reports;
using Liwater.Dashboard.Extensions;
using Liwater.Dashboard.Reports;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using static Liwater.Dashboard.Tests.Data.Reports.ReportTestData;

namespace Liwater.Dashboard.Tests.Dashboard.Reports;

/// <summary>The background case export on hand-built rows, checked by reading the written .xlsx back.</summary>
public sealed class CaseExportServiceTests : IDisposable
{
    private static readonly ActingUser TownOffice = new() { Id = 1, Username = "office", Role = Roles.TownOffice };
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
    private readonly TempDatabase temp;
    private readonly ServiceProvider services;
    private readonly CaseExportService exports;

    public CaseExportServiceTests()
    {
        temp = new TempDatabase(clock);
        var collection = new ServiceCollection();
        collection.AddLocalization(o => o.ResourcesPath = "Resources");
        collection.AddLogging();
        services = collection.BuildServiceProvider();
        var town = new TownClock(clock, Shanghai);
        exports = new CaseExportService(
            new CaseQueries(temp.Db), new CaseOptions(), town,
            new ReportOptions { ExportFolder = Path.Combine(temp.Folder, "exports") },
            Options.Create(new LiwaterOptions { SettingsFolder = temp.Folder }),
            services.GetRequiredService<IStringLocalizer<ReportText>>(), services.GetRequiredService<IStringLocalizer<CasesText>>(),
            NullLogger<CaseExportService>.Instance, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));
    }

    public void Dispose()
    {
        exports.Dispose();
        services.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task StartAsync_FilteredList_WritesExactlyThoseRowsInChineseWithLocalTimesAndMaskedPhones()
    {
        await SeedAsync();
        using var culture = new CultureScope("zh-CN");

        var rows = await ExportAsync(TownOffice, new CaseFilter { CommunityId = 1 });

        Assert.Equal(["LS-A", "LS-B", "LS-C"], rows.Select(r => (string)r["编号"]!).Order());
        var a = rows.Single(r => (string)r["编号"]! == "LS-A");
        Assert.Equal("138****5678", a["联系电话（已脱敏）"]);
        // Opened at 00:30 on 1 December in Lishui (16:30 UTC on 30 November).
        Assert.Equal("2026-12-01 00:30", a["立案时间"]);
        Assert.Equal("物业服务", a["类别"]);
        Assert.Equal("小区", a["层级"]);
        Assert.Equal("甲小区", a["小区"]);
        Assert.DoesNotContain(rows, r => r.Values.Any(v => v is string s && s.Contains("13812345678", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StartAsync_StatusAndTextFilters_MatchTheListOverEveryPage()
    {
        await SeedAsync();
        for (var i = 0; i < 60; i++)
        {
            await CaseAsync(temp, 1 + (i % 3), "other", "compound", i % 2 == 0 ? "open" : "resolved", Local(11, 1 + (i % 28), 9), title: "漏水 " + i);
        }

        using var culture = new CultureScope("zh-CN");
        var filter = new CaseFilter { Status = "open", Text = "漏水" };
        var list = await new CaseQueries(temp.Db).ListAsync(TownOffice, filter with { PageSize = 25 });

        var rows = await ExportAsync(TownOffice, filter);

        Assert.Equal(30, list.Total);
        Assert.Equal(list.Total, rows.Count);
        Assert.All(rows, r => Assert.Equal("待办", r["状态"]));
    }

    [Fact]
    public async Task StartAsync_CommunityStaff_GetOnlyTheirCommunityWhateverTheFilterSays()
    {
        await SeedAsync();
        using var culture = new CultureScope("zh-CN");
        var staff = new ActingUser { Id = 7, Username = "hn", Role = Roles.CommunityStaff, CommunityId = 2 };

        var rows = await ExportAsync(staff, new CaseFilter { CommunityId = 1 });

        Assert.Equal(["LS-D"], rows.Select(r => (string)r["编号"]!));
    }

    [Fact]
    public async Task StartAsync_EnglishUser_GetsEnglishHeadersAndNames()
    {
        await SeedAsync();
        using var culture = new CultureScope("en");

        var rows = await ExportAsync(TownOffice, new CaseFilter { CommunityId = 2 });

        var d = Assert.Single(rows);
        Assert.Equal("LS-D", d["Code"]);
        Assert.Equal("Building safety", d["Category"]);
        Assert.Equal("Community", d["Level"]);
    }

    [Fact]
    public async Task StartAsync_NoMatchOrViewer_AnswersWithAMessageAndWritesNothing()
    {
        await SeedAsync();
        using var culture = new CultureScope("zh-CN");

        var (none, noneMessage) = await exports.StartAsync(TownOffice, new CaseFilter { Text = "没有这个词" });
        var (refused, refusedMessage) = await exports.StartAsync(new ActingUser { Id = 9, Role = Roles.Viewer }, new CaseFilter());

        Assert.Null(none);
        Assert.Contains("没有符合当前筛选条件的案件", noneMessage, StringComparison.Ordinal);
        Assert.Null(refused);
        Assert.Contains("不能导出", refusedMessage, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Folder, "exports")) && Directory.EnumerateFiles(Path.Combine(temp.Folder, "exports")).Any());
    }

    [Fact]
    public async Task Find_AnotherUsersExport_IsNotFound()
    {
        await SeedAsync();
        using var culture = new CultureScope("zh-CN");

        var (export, _) = await exports.StartAsync(TownOffice, new CaseFilter());

        Assert.NotNull(exports.Find(export!.Id, TownOffice.Id));
        Assert.Null(exports.Find(export.Id, 2));
    }

    private async Task SeedAsync()
    {
        await SeedTerritoryAsync(temp);
        await ExecAsync(temp,
            """
            INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, reporter_name, reporter_phone,
                               level, status, opened_at, level_entered_at, updated_at)
            VALUES ('LS-A', 1, 1, 'property_service', '电梯故障', 'd', 'hotline', '王女士', '13812345678', 'compound', 'open', @a, @a, @a),
                   ('LS-B', 1, 2, 'other', '路灯不亮', 'd', 'hotline', NULL, NULL, 'compound', 'resolved', @b, @b, @b),
                   ('LS-C', 1, 1, 'other', '噪音', 'd', 'walk_in', NULL, '020-1234567', 'community', 'in_progress', @b, @b, @b),
                   ('LS-D', 2, 3, 'building_safety', '外墙瓷砖脱落', 'd', 'council', NULL, NULL, 'community', 'open', @b, @b, @b);
            """,
            new { a = Local(12, 1, 0, 30), b = Local(11, 20, 9) });
    }

    private async Task<List<IDictionary<string, object?>>> ExportAsync(ActingUser user, CaseFilter filter)
    {
        var (export, message) = await exports.StartAsync(user, filter, TestContext.Current.CancellationToken);
        Assert.True(export is not null, message);
        for (var i = 0; i < 600 && export.State is ExportState.Queued or ExportState.Running; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(ExportState.Done, export.State);
        Assert.Equal(export.Total, export.Written);
        using var stream = File.OpenRead(export.FilePath);
        return (await stream.QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo before = CultureInfo.CurrentUICulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = before;
    }
}
