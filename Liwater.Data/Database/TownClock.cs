namespace Liwater.Data.Database;

/// <summary>
/// Turns the database's UTC instants into the town's local time (Asia/Shanghai by configuration) for display and
/// for calendar questions such as "today" and "this month".
/// </summary>
public sealed class TownClock(TimeProvider clock, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public TimeProvider Clock => clock;

    public long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateTimeOffset ToLocal(long unixMs) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs), zone);

    /// <summary>The UTC instant (unix ms) at which the given local date begins.</summary>
    public long StartOfDayMs(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
    }

    /// <summary>ISO text of a local date, the format of every *_on column.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
