using System.Text;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Volunteers;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.Volunteers;

/// <summary>CSV import on the real app, through the importer the page uses, in UTF-8 (with BOM) and GBK.</summary>
[Collection(AppCollection.Name)]
public sealed class ActivityImportAppTests(ActivityImportAppTests.App app) : IClassFixture<ActivityImportAppTests.App>
{
    private static readonly ActingUser TownOffice = new() { Id = 0, Username = "chengzhiban", DisplayName = "城治办", Role = Roles.TownOffice };

    public sealed class App : LiwaterAppFactory;

    private const string Header = "日期,小区,队伍,时长(小时),人数,类型,事项";

    private static string Csv(string tag) => string.Join(
        "\r\n",
        Header,
        $"2021-03-05,中恒海晖,中恒海晖党群志愿服务队,2.5,8,为群众办实事,{tag}加装楼道照明",
        $"2021/3/6,糖果雅苑,,3,12,巡查,{tag}夜间治安巡逻",
        $"2021-03-07,不存在的小区,,2,5,服务,{tag}无效小区",
        $"2021-03-08,中恒海晖,,30,5,服务,{tag}时长超限",
        $"2021/3/6,糖果雅苑,,3,12,巡查,{tag}夜间治安巡逻",
        $"2021-03-09,金沙里,,1.5,abc,清洁,{tag}人数非数字",
        "");

    [Fact]
    public async Task Import_CommunityStaff_KeepsOwnCommunityRowsAndRefusesOthers()
    {
        var importer = app.Services.GetRequiredService<ActivityImporter>();
        var jinxi = await CountAsync("SELECT community_id FROM compounds WHERE name = '中恒海晖'", null);
        var staff = new ActingUser { Id = 0, Username = "jinxi-staff", DisplayName = "金溪社工", Role = Roles.CommunityStaff, CommunityId = jinxi };
        var csv = string.Join("\r\n", Header, "2021-05-05,中恒海晖,,2,6,服务,本社区行", "2021-05-05,糖果雅苑,,2,6,服务,他社区行", "");

        var report = await importer.ImportAsync(staff, Encoding.UTF8.GetBytes(csv), "staff.csv");

        Assert.Equal(1, report.Added);
        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("属于其他社区", Words.Zh(error.Reason), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM volunteer_activities WHERE title = '他社区行'", null));
    }

    [Fact]
    public async Task Import_Viewer_RefusedAuditedAndNothingStored()
    {
        var importer = app.Services.GetRequiredService<ActivityImporter>();
        var viewer = new ActingUser { Id = 0, Username = "viewer-import", Role = Roles.Viewer };
        var csv = string.Join("\r\n", Header, "2021-05-06,中恒海晖,,2,6,服务,查看者行", "");

        var report = await importer.ImportAsync(viewer, Encoding.UTF8.GetBytes(csv), "viewer.csv");

        Assert.Equal(0, report.Added);
        Assert.Contains("只有城治办和社区工作人员", Words.Zh(report.FileError), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM volunteer_activities WHERE title = '查看者行'", null));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.import' AND outcome = 'refused' AND username = 'viewer-import'", null));
    }

    [Fact]
    public async Task Import_AccountDeactivatedAfterPageOpened_RefusedAuditedAndNothingStored()
    {
        // The page holds the actor it was opened with; the account is deactivated before the file is chosen.
        var importer = app.Services.GetRequiredService<ActivityImporter>();
        var users = app.Services.GetRequiredService<UserStore>();
        var jinxi = await CountAsync("SELECT community_id FROM compounds WHERE name = '中恒海晖'", null);
        Assert.True(await users.EnsureAsync(new UserInput
        {
            Username = "t-import-gone", DisplayName = "t", Role = Roles.CommunityStaff, CommunityId = jinxi, Password = "test-password-1",
        }));
        var staff = (await users.FindAsync(await CountAsync("SELECT id FROM users WHERE username = 't-import-gone'", null)))!.ToActingUser();
        var admin = (await users.FindAsync(await CountAsync("SELECT id FROM users WHERE username = 'admin'", null)))!.ToActingUser();
        Assert.Empty(await users.SetActiveAsync(admin, staff.Id, active: false));
        var rowsBefore = await CountAsync("SELECT COUNT(*) FROM volunteer_activities", null);
        // Only the importer's own kind: the app's recurring jobs (the deadline watchdog) may log changes meanwhile.
        var changesBefore = await CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @k", new { k = ChangeKinds.ActivityLogged });
        var csv = string.Join("\r\n", Header, "2021-05-07,中恒海晖,,2,6,服务,停用后导入行一", "2021-05-08,中恒海晖,,3,4,服务,停用后导入行二", "");

        await Assert.ThrowsAsync<AccountRevokedException>(() => importer.ImportAsync(staff, Encoding.UTF8.GetBytes(csv), "gone.csv"));

        Assert.Equal(rowsBefore, await CountAsync("SELECT COUNT(*) FROM volunteer_activities", null));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM volunteer_activities WHERE title LIKE '停用后导入行%'", null));
        Assert.Equal(changesBefore, await CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @k", new { k = ChangeKinds.ActivityLogged }));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'account.stale_write' AND username = 't-import-gone'", null));
    }

    [Fact]
    public async Task Import_Utf8WithBom_KeepsGoodRowsReportsBadRowsAndIsIdempotent()
    {
        var importer = app.Services.GetRequiredService<ActivityImporter>();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv("U8"))).ToArray();
        var changesBefore = await CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @k", new { k = ChangeKinds.ActivityLogged });

        var first = await importer.ImportAsync(TownOffice, bytes, "utf8.csv");

        Assert.Null(first.FileError);
        Assert.Equal(("UTF-8", 6, 2, 1), (first.Encoding, first.Rows, first.Added, first.Duplicates));
        Assert.Equal([4, 5, 7], first.Errors.Select(e => e.Row));
        Assert.Contains("找不到小区“不存在的小区”", Words.Zh(first.Errors[0].Reason), StringComparison.Ordinal);
        Assert.Contains("时长", Words.Zh(first.Errors[1].Reason), StringComparison.Ordinal);
        Assert.Contains("人数“abc”不是整数", Words.Zh(first.Errors[2].Reason), StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM volunteer_activities WHERE title LIKE 'U8%'", null));
        Assert.Equal(changesBefore + 1, await CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @k", new { k = ChangeKinds.ActivityLogged }));

        var again = await importer.ImportAsync(TownOffice, bytes, "utf8.csv");

        // Two rows already stored plus the row repeated inside the file.
        Assert.Equal((0, 3), (again.Added, again.Duplicates));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM volunteer_activities WHERE title LIKE 'U8%'", null));
        Assert.Equal(changesBefore + 1, await CountAsync("SELECT COUNT(*) FROM change_log WHERE kind = @k", new { k = ChangeKinds.ActivityLogged }));
    }

    [Fact]
    public async Task Import_GbkFile_IsDetectedAndStoredWithChineseIntact()
    {
        var importer = app.Services.GetRequiredService<ActivityImporter>();
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;
        var bytes = gbk.GetBytes(Csv("GB"));

        var report = await importer.ImportAsync(TownOffice, bytes, "gbk.csv");

        Assert.Equal(("GBK", 2, 3), (report.Encoding, report.Added, report.Errors.Count));
        var title = await app.Services.GetRequiredService<Db>().ReadAsync(c => c.ExecuteScalarAsync<string>(
            "SELECT title FROM volunteer_activities WHERE title LIKE 'GB%' AND kind = 'practical_thing'"));
        Assert.Equal("GB加装楼道照明", title);
        Assert.Equal(0, (await importer.ImportAsync(TownOffice, bytes, "gbk.csv")).Added);
    }

    [Fact]
    public async Task Import_MissingColumns_OneMessageNamingThemAndNothingStored()
    {
        var importer = app.Services.GetRequiredService<ActivityImporter>();
        var before = await CountAsync("SELECT COUNT(*) FROM volunteer_activities", null);

        var report = await importer.ImportAsync(TownOffice, Encoding.UTF8.GetBytes("日期,小区,事项\n2021-03-05,中恒海晖,巡逻\n"), "short.csv");

        Assert.StartsWith("缺少必需的列：时长(小时)、人数、类型。文件未导入。", Words.Zh(report.FileError), StringComparison.Ordinal);
        // The data layer names the columns by code; each language words them (the English headers are accepted too).
        Assert.StartsWith("Required columns are missing: hours, people, kind. Nothing was imported. The first line should name the columns: date, compound, team, hours, people, kind, title", Words.En(report.FileError), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync("SELECT COUNT(*) FROM volunteer_activities", null));
    }

    [Fact]
    public async Task Import_NeitherUtf8NorGbk_IsRefusedWithEncodingMessage()
    {
        var importer = app.Services.GetRequiredService<ActivityImporter>();
        var report = await importer.ImportAsync(TownOffice, [0x41, 0xFF, 0xFF, 0x2C, 0x80, 0x0A], "bad.csv");
        Assert.Contains("文件编码无法识别", Words.Zh(report.FileError), StringComparison.Ordinal);
        Assert.Equal(0, report.Added);
    }

    private Task<long> CountAsync(string sql, object? args) =>
        app.Services.GetRequiredService<Db>().ReadAsync(c => c.ExecuteScalarAsync<long>(sql, args));
}
