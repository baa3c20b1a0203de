using System.Globalization;
using Liwater.Data.Cases;
using Liwater.Dashboard.Localization;
using Liwater.Data.Database;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>Names and durations for the case pages, in the current UI culture.</summary>
public static class CaseDisplay
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static string Name(IEnumerable<CodeName> list, string? code) =>
        list.FirstOrDefault(c => c.Code == code) is { } found ? (Chinese ? found.Name : found.NameEn) : code ?? "";

    /// <summary>A short duration: 2天3小时 / 1h 5m, down to seconds under an hour (the property-service marks are minutes).</summary>
    public static string Duration(long ms)
    {
        var t = TimeSpan.FromMilliseconds(Math.Abs(ms));
        var (d, h, m, s) = (t.Days, t.Hours, t.Minutes, t.Seconds);
        return Chinese
            ? d > 0 ? $"{d}天{h}小时" : h > 0 ? $"{h}小时{m}分" : $"{m}分{s:00}秒"
            : d > 0 ? $"{d}d {h}h" : h > 0 ? $"{h}h {m}m" : $"{m}m {s:00}s";
    }

    /// <summary>What a case is now, for a conflict: level, status and version, and the latest timeline entry when known.</summary>
    public static string Now(IStringLocalizer<CasesText> t, CaseRow c, CaseEventRow? latest = null, TownClock? clock = null, IStringLocalizer<DataErrorText>? words = null)
    {
        var now = string.Format(CultureInfo.CurrentCulture, t["ConflictNow"], t["Level_" + c.Level], t["Status_" + c.Status], c.Version);
        if (latest is null || clock is null || words is null)
        {
            return now;
        }

        var what = latest.ToLevel is null ? t["Event_" + latest.Kind].Value : $"{t["Event_" + latest.Kind]} → {t["Level_" + latest.ToLevel]}";
        return now + " " + string.Format(CultureInfo.CurrentCulture, t["ConflictLatest"], what, words.Actor(latest.Actor, latest.UserId), clock.ToLocal(latest.At).ToString("HH:mm", CultureInfo.InvariantCulture));
    }
}
