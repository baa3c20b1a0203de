using System.Text;
using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Liwater.Data.Volunteers;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>
/// Hostile files for the volunteer CSV import (ActivityImporter): a BOM with mixed line ends, a 10,000-column line,
/// a binary file, UTF-16 with and without a BOM, formula-looking cells, control characters. Each gets a clear answer —
/// rows imported, a row error or a file error in the user's language — never an exception; formulas are stored as
/// typed text.
/// </summary>
public sealed class ActivityImportHostileTests : IDisposable
{
    private const string Header = "日期,小区,队伍,时长(小时),人数,类型,事项";
    private static readonly ActingUser TownOffice = new() { Id = 0, Username = "town", DisplayName = "城治办", Role = Roles.TownOffice };
    private readonly TempDatabase database = new();
    private readonly TownClock clock = new(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    public ActivityImportHostileTests() => database.Db.WriteAsync((c, t) => c.ExecuteAsync(
        """
        INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'JX', '金溪社区', 'Jinxi', 1);
        INSERT INTO compounds (id, community_id, name) VALUES (1, 1, '甲小区');
        """,
        transaction: t)).GetAwaiter().GetResult();

    public void Dispose() => database.Dispose();

    private ActivityImporter Importer => new(database.Db, new VolunteerCommands(database.Db, clock), clock);

    [Fact]
    public async Task Import_BomAndMixedLineEnds_EveryRowImported()
    {
        var csv = "\uFEFF" + Header + "\r\n2021-03-05,甲小区,,2,5,服务,一\n2021-03-06,甲小区,,2,5,服务,二\r2021-03-07,甲小区,,2,5,服务,三\r\n";

        var report = await Importer.ImportAsync(TownOffice, Encoding.UTF8.GetBytes(csv), "mixed.csv");

        Assert.Null(report.FileError);
        Assert.Equal((3, 3, 0), (report.Rows, report.Added, report.ErrorCount));
    }

    [Fact]
    public async Task Import_TenThousandColumnLine_ThatRowAnsweredAndTheRestImported()
    {
        var wide = "2021-03-05,甲小区,,2,5,服务,宽行" + new string(',', 10_000);
        var csv = string.Join("\r\n", Header, wide, "2021-03-06,甲小区,,2,5,服务,好行", "");

        var report = await Importer.ImportAsync(TownOffice, Encoding.UTF8.GetBytes(csv), "wide.csv");

        Assert.Null(report.FileError);
        Assert.Equal(2, report.Rows);
        Assert.Equal(1, await CountAsync("好行"));
    }

    [Fact]
    public async Task Import_BinaryFile_ClearFileErrorNothingStored()
    {
        var bytes = new byte[64 * 1024];
        new Random(11).NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00 }.CopyTo(bytes, 0);

        var report = await Importer.ImportAsync(TownOffice, bytes, "photo.csv");

        Assert.NotNull(report.FileError);
        Assert.False(string.IsNullOrWhiteSpace(Words.Zh(report.FileError)));
        Assert.Equal(0, await CountAsync(null));
    }

    [Fact]
    public async Task Import_Utf16WithBom_Imported()
    {
        var csv = Header + "\r\n2021-03-05,甲小区,,2,5,服务,十六位\r\n";

        var report = await Importer.ImportAsync(TownOffice, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv)], "utf16.csv");

        Assert.Equal("UTF-16", report.Encoding);
        Assert.Equal(1, report.Added);
    }

    [Fact]
    public async Task Import_Utf16WithoutBom_ClearFileErrorNothingStored()
    {
        var csv = Header + "\r\n2021-03-05,甲小区,,2,5,服务,无标记\r\n";

        var report = await Importer.ImportAsync(TownOffice, Encoding.Unicode.GetBytes(csv), "utf16-nobom.csv");

        Assert.NotNull(report.FileError);
        Assert.False(string.IsNullOrWhiteSpace(Words.Zh(report.FileError)));
        Assert.Equal(0, await CountAsync(null));
    }

    [Fact]
    public async Task Import_FormulasAndControlCharacters_FormulasStoredAsTextControlsRefused()
    {
        string[] formulas = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,1)", "=HYPERLINK(\"http://evil.example\",\"点我\")"];
        var rows = formulas.Select((f, i) => $"2021-03-{i + 1:00},甲小区,,2,5,服务,\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")
            .Append("2021-03-09,甲小区,,2,5,服务,响\u0007铃")
            .Append("2021-03-10,甲小区,,2,5,服务,空\0字符");
        var csv = string.Join("\r\n", rows.Prepend(Header)) + "\r\n";

        var report = await Importer.ImportAsync(TownOffice, Encoding.UTF8.GetBytes(csv), "formulas.csv");

        Assert.Equal((7, 5, 2), (report.Rows, report.Added, report.ErrorCount));
        Assert.All(report.Errors, e => Assert.Equal("title", e.Kind));
        Assert.All(report.Errors, e => Assert.Contains("控制字符", Words.Zh(e.Reason), StringComparison.Ordinal));
        var stored = await database.Db.ReadAsync(c => c.QueryAsync<string>("SELECT title FROM volunteer_activities ORDER BY occurred_on"));
        Assert.Equal(formulas, stored);
    }

    private Task<long> CountAsync(string? title) =>
        database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM volunteer_activities WHERE @title IS NULL OR title = @title", new { title }));
}
