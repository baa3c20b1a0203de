using System.Globalization;
using Liwater.Data.Cases;
using Liwater.Dashboard.Localization;
using Liwater.Data.Database;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>Names and durations for the case pages, in the current UI culture.</summary>
public static class CaseDisplay
{
    public static string Name(IEnumerable<CodeName> list, string? code) =>
        list.FirstOrDefault(c => c.Code == code) is { } found ? UiLanguage.Name(found.Name, found.NameEn) : code ?? "";

    /// <summary>The colour of a status chip, the same on the list, the case and the meeting.</summary>
    public static Color StatusColor(string status) => status switch
    {
        CaseStatuses.Open => Color.Warning,
        CaseStatuses.InProgress => Color.Info,
        CaseStatuses.Resolved => Color.Success,
        CaseStatuses.Closed => Color.Default,
        _ => Color.Dark,
    };

    /// <summary>A short duration: 2 d 3 h, 3 h 5 min, down to seconds under an hour (the property-service marks are minutes).</summary>
    public static string Duration(IStringLocalizer<CasesText> t, long ms)
    {
        var span = TimeSpan.FromMilliseconds(Math.Abs(ms));
        var (key, big, small) = span.Days > 0 ? ("DurationDays", span.Days, span.Hours)
            : span.Hours > 0 ? ("DurationHours", span.Hours, span.Minutes)
            : ("DurationMinutes", span.Minutes, span.Seconds);
        return string.Format(CultureInfo.CurrentCulture, t[key], big, small);
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
