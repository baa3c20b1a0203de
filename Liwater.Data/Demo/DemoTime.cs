using System.Globalization;

namespace Liwater.Data.Demo;

/// <summary>
/// The clock and the local calendar the demo is built against: UTC unix milliseconds for <c>*_at</c> columns and
/// local 'YYYY-MM-DD' dates for <c>*_on</c> columns.
/// </summary>
internal sealed class DemoTime
{
    public DemoTime(DateTimeOffset nowUtc, TimeZoneInfo zone)
    {
        Zone = zone;
        NowMs = nowUtc.ToUnixTimeMilliseconds();
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(nowUtc, zone).DateTime);
    }

    public TimeZoneInfo Zone { get; }

    public long NowMs { get; }

    /// <summary>Gets today's local date.</summary>
    public DateOnly Today { get; }

    public const long Minute = 60_000;
    public const long Hour = 60 * Minute;
    public const long Day = 24 * Hour;

    /// <summary>Asia/Shanghai, or the same fixed UTC+8 offset if the machine has no time-zone data.</summary>
    public static TimeZoneInfo DefaultZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "CST");
        }
    }

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Unix milliseconds of a local wall-clock time.</summary>
    public long Ms(DateOnly date, int hour, int minute = 0)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
    }

    /// <summary>The local date of an instant.</summary>
    public DateOnly DateOf(long ms) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), Zone).DateTime);

    /// <summary>A day of the calendar year 2021, the year the source reports on.</summary>
    public static DateOnly Day2021(int dayOfYear) => new DateOnly(2021, 1, 1).AddDays(Math.Clamp(dayOfYear, 0, 364));
}
