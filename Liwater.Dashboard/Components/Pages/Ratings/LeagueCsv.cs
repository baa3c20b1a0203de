using System.Globalization;
using CsvHelper;
using Liwater.Data.Ratings;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Ratings;

/// <summary>
/// The league table as a CSV file in the user's language: the column names and list names are the page's own
/// (<see cref="RatingText"/>). UTF-8 with a byte order mark, so Chinese Excel opens it without garbling.
/// </summary>
public static class LeagueCsv
{
    /// <summary>The columns, as <see cref="RatingText"/> keys.</summary>
    public static readonly string[] HeaderKeys = ["Rank", "Compound", "Community", "Company", "Score", "Stars", "List"];

    public static byte[] Write(IReadOnlyList<LeagueRow> rows, IStringLocalizer<RatingText> t)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var key in HeaderKeys)
            {
                csv.WriteField(t[key].Value);
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
                csv.WriteField(row.Rating.List switch { RatingList.Red => t["RedList"].Value, RatingList.Black => t["BlackList"].Value, _ => "" });
                csv.EndRecord();
            }
        }

        return stream.ToArray();
    }

    public static string DataUrl(IReadOnlyList<LeagueRow> rows, IStringLocalizer<RatingText> t) =>
        "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String(Write(rows, t));

    /// <summary>The download's name in the user's language, e.g. property-league_2026_Q4.csv (quarter 0 is the year-end).</summary>
    public static string FileName(AssessmentPeriod? period, IStringLocalizer<RatingText> t) => period is null
        ? "ratings.csv"
        : string.Format(CultureInfo.InvariantCulture, t["CsvFile"], period.Year, period.Quarter == 0 ? t["CsvYearEnd"] : "Q" + period.Quarter.ToString(CultureInfo.InvariantCulture));
}
