using System.Text;
using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Volunteers;

namespace Liwater.Dashboard.Tests.Data.Volunteers;

/// <summary>Issue 11 item 9: a 5 MB file of bad rows gives a capped report with counts; a broken quote breaks only its row.</summary>
public sealed class ActivityImportStreamingTests : IDisposable
{
    private const string Header = "日期,小区,队伍,时长(小时),人数,类型,事项";
    private static readonly ActingUser TownOffice = new() { Id = 0, Username = "town", DisplayName = "城治办", Role = Roles.TownOffice };
    private readonly TempDatabase database = new();
    private readonly TownClock clock = new(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    public ActivityImportStreamingTests() => database.Db.WriteAsync((c, t) => c.ExecuteAsync(
        """
        INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'JX', '金溪社区', 'Jinxi', 1);
        INSERT INTO compounds (id, community_id, name) VALUES (1, 1, '甲小区');
        """,
        transaction: t)).GetAwaiter().GetResult();

    public void Dispose() => database.Dispose();

    private ActivityImporter Importer => new(database.Db, new VolunteerCommands(database.Db, clock), clock);

    [Fact]
    public async Task Import_FiveMegabytesOfBadRows_CountsEveryRowAndListsTheFirst200()
    {
        var text = new StringBuilder(Header).Append("\r\n");
        var size = Encoding.UTF8.GetByteCount(text.ToString());
        var rows = 0;
        var kinds = new Dictionary<string, int>();
        while (true)
        {
            // Three kinds of bad row in turn: unknown compound, hours out of range, people not a number.
            var (line, kind) = (rows % 3) switch
            {
                0 => ($"2021-03-05,无此小区{rows},,2,5,服务,坏行{rows}\r\n", "compound"),
                1 => ($"2021-03-05,甲小区,,30,5,服务,坏行{rows}\r\n", "hours"),
                _ => ($"2021-03-05,甲小区,,2,abc,服务,坏行{rows}\r\n", "people"),
            };
            var lineSize = Encoding.UTF8.GetByteCount(line);
            if (size + lineSize > ActivityImporter.MaxBytes)
            {
                break;
            }

            text.Append(line);
            size += lineSize;
            rows++;
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        Assert.InRange(bytes.Length, ActivityImporter.MaxBytes - 200, ActivityImporter.MaxBytes);

        var report = await Importer.ImportAsync(TownOffice, new MemoryStream(bytes), "bad.csv");

        Assert.Null(report.FileError);
        Assert.True(rows > 80_000, $"{rows} rows");
        Assert.Equal((rows, 0, 0, rows), (report.Rows, report.Added, report.Duplicates, report.ErrorCount));
        Assert.Equal(ImportReport.MaxRowsShown, report.Errors.Count);
        Assert.Equal(Enumerable.Range(2, ImportReport.MaxRowsShown), report.Errors.Select(e => e.Row));
        Assert.Equal(kinds.OrderBy(k => k.Key), report.ErrorsByKind.OrderBy(k => k.Key));
        Assert.All(report.ErrorsByKind.Keys, k => Assert.Contains(k, ActivityImporter.ErrorKinds));
        Assert.Equal(0, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM volunteer_activities")));
    }

    [Fact]
    public async Task Import_UnterminatedQuote_ReportsThatRowAndImportsEveryRowAfterIt()
    {
        var csv = string.Join(
            "\r\n",
            Header,
            "2021-03-05,甲小区,,2,5,服务,\"引号没有闭合",
            "2021-03-06,甲小区,,2,5,服务,好行一",
            "2021-03-07,甲小区,,2,5,服务,好行二",
            "2021-03-08,甲小区,,2,5,服务,\"好行三，带逗号\"",
            "2021-03-09,甲小区,,2,5,服务,好行四",
            "2021-03-10,甲小区,,2,5,服务,好行五",
            "");

        var report = await Importer.ImportAsync(TownOffice, Encoding.UTF8.GetBytes(csv), "quote.csv");

        Assert.Equal((6, 5, 1), (report.Rows, report.Added, report.ErrorCount));
        var error = Assert.Single(report.Errors);
        Assert.Equal((2, "quote"), (error.Row, error.Kind));
        Assert.Contains("引号", Words.Zh(error.Reason), StringComparison.Ordinal);
        Assert.Equal(1, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM volunteer_activities WHERE title = '好行三，带逗号'")));
    }

    [Fact]
    public async Task Import_StreamOverTheLimit_RefusedAndNothingStored()
    {
        var bytes = new byte[ActivityImporter.MaxBytes + 1];
        Array.Fill(bytes, (byte)'a');

        var report = await Importer.ImportAsync(TownOffice, new MemoryStream(bytes), "big.csv");

        Assert.Contains("5MB", Words.Zh(report.FileError), StringComparison.Ordinal);
        Assert.Equal(0, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM volunteer_activities")));
    }
}
