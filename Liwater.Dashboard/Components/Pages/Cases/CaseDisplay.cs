using System.Globalization;
using Liwater.Data.Cases;

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
}
