using System.Globalization;
using CsvHelper;
using Liwater.Data.Ratings;

namespace Liwater.Dashboard.Components.Pages.Ratings;

/// <summary>The league table as a CSV file: UTF-8 with a byte order mark, so Chinese Excel opens it without garbling.</summary>
public static class LeagueCsv
{
    public static readonly string[] Header = ["名次", "小区", "社区", "物业服务企业", "得分", "星级", "榜单"];

    public static byte[] Write(IReadOnlyList<LeagueRow> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var name in Header)
            {
                csv.WriteField(name);
            }

            csv.EndRecord();
            foreach (var row in rows)
            {
                csv.WriteField(row.Rating.Rank.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Unit.CompoundName);
                csv.WriteField(row.Unit.CommunityName);
                csv.WriteField(row.Unit.CompanyName);
                csv.WriteField(row.Rating.Score.ToString("0.##", CultureInfo.InvariantCulture));
                csv.WriteField(row.Rating.Stars.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Rating.List switch { RatingList.Red => "红榜", RatingList.Black => "黑榜", _ => "" });
                csv.EndRecord();
            }
        }

        return stream.ToArray();
    }

    public static string DataUrl(IReadOnlyList<LeagueRow> rows) => "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String(Write(rows));
}
