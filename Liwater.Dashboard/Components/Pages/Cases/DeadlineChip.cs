using System.Globalization;
using Liwater.Data.Cases;
using Liwater.Dashboard.Components.Shared;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>
/// What a case's deadline chip shows at an instant: the deadline that governs the case now (DeadlinePolicy: the minute
/// marks at compound level, the level limit, or the chair's 办结期限 which supersedes them), named in text — phones
/// have no hover — with the time left or overdue, and the breaches: recorded ones, or the marks passed by now if more
/// (the watchdog records them up to a minute later). A value: a ticking chip re-renders only when it changed.
/// </summary>
public sealed record DeadlineChip(DeadlineMark? Mark, string State, string ChipClass, string MarkName, string Left, long Breaches, string BreachText)
{
    private const long WarnMs = 2 * 60_000;

    /// <summary>The chip of <paramref name="c"/> at <paramref name="now"/>, worded in the current UI culture.</summary>
    public static DeadlineChip Of(CaseRow c, DateTimeOffset now, DeadlinePolicy deadlines, IStringLocalizer<CasesText> t)
    {
        var at = now.ToUnixTimeMilliseconds();
        var breaches = Math.Max(c.BreachCount, deadlines.Breached(c, at).Count());
        var breachText = breaches > 0 ? string.Format(CultureInfo.CurrentCulture, t["Breaches"], breaches) : "";
        if (deadlines.Next(c) is not { } mark)
        {
            return new DeadlineChip(null, "", "", "", t["NoDeadline"], breaches, breachText);
        }

        var left = mark.DueAt - at;
        var (state, color) = left <= 0 ? ("overdue", Color.Error) : left < WarnMs ? ("soon", Color.Warning) : ("due", Color.Default);
        var text = string.Format(CultureInfo.CurrentCulture, left <= 0 ? t["OverdueBy"] : t["DueIn"], CaseDisplay.Duration(t, left));
        return new DeadlineChip(mark, state, Chips.Small(color, Variant.Text), NameOf(mark, t), text, breaches, breachText);
    }

    /// <summary>The mark's name: 回复 / 跟进 / 初步结果 / 办结期限, or the level's limit (小区时限…).</summary>
    private static string NameOf(DeadlineMark mark, IStringLocalizer<CasesText> t) => mark.Mark == DeadlinePolicy.LevelMark
        ? string.Format(CultureInfo.CurrentCulture, t["Mark_level"], t["Level_" + mark.Level])
        : t["Mark_" + mark.Mark];
}
