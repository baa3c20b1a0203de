using System.Globalization;
using System.Text.RegularExpressions;
using Liwater.Data.Database;

namespace Liwater.Data.Reports;

/// <summary>What a report period is: a calendar month, a quarter or (for checks against the wall) a single day.</summary>
public enum ReportPeriodKind
{
    Month,
    Quarter,
    Day,

    /// <summary>A calendar year (the year-end assessment period).</summary>
    Year,
}

/// <summary>
/// A period of the town's local calendar: local dates [<see cref="First"/>, <see cref="Last"/>]. Its instants are
/// taken in the configured time zone by <see cref="TownClock"/>, so a month starts at local midnight of the 1st.
/// </summary>
public sealed partial record ReportPeriod(ReportPeriodKind Kind, DateOnly First, DateOnly Last)
{
    public static ReportPeriod Month(int year, int month) =>
        new(ReportPeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    public static ReportPeriod Quarter(int year, int quarter)
    {
        var first = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new(ReportPeriodKind.Quarter, first, first.AddMonths(3).AddDays(-1));
    }

    public static ReportPeriod Day(DateOnly day) => new(ReportPeriodKind.Day, day, day);

    public static ReportPeriod Year(int year) => new(ReportPeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>The period of a property assessment: quarter 1–4, or 0 for the whole year (year-end assessment).</summary>
    public static ReportPeriod OfAssessment(int year, int quarter) => quarter == 0 ? Year(year) : Quarter(year, quarter);

    /// <summary>The month before the one <paramref name="today"/> is in (the scheduled report's period).</summary>
    public static ReportPeriod MonthBefore(DateOnly today)
    {
        var previous = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return Month(previous.Year, previous.Month);
    }

    /// <summary>The code used in addresses and on the change log: 2026-11, 2026-Q4 or 2026-11-30.</summary>
    public string Code => Kind switch
    {
        ReportPeriodKind.Month => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ReportPeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{First.Year}-Q{((First.Month - 1) / 3) + 1}"),
        ReportPeriodKind.Year => First.Year.ToString(CultureInfo.InvariantCulture),
        _ => TownClock.Iso(First),
    };

    /// <summary>Reads a month (2026-11) or a quarter (2026-Q4); null for anything else.</summary>
    public static ReportPeriod? TryParse(string? code)
    {
        var match = code is null ? null : CodePattern().Match(code.Trim());
        if (match is not { Success: true })
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2999)
        {
            return null;
        }

        if (match.Groups["quarter"].Success)
        {
            return Quarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture));
        }

        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 ? Month(year, month) : null;
    }

    /// <summary>Whether the period has not begun on <paramref name="today"/>.</summary>
    public bool IsFuture(DateOnly today) => First > today;

    /// <summary>Whether <paramref name="today"/> falls inside the period (the report is "to date").</summary>
    public bool IsCurrent(DateOnly today) => First <= today && today <= Last;

    [GeneratedRegex(@"^(?<year>\d{4})-(?:Q(?<quarter>[1-4])|(?<month>\d{1,2}))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
