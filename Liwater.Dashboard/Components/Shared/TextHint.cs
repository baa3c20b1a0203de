using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Shared;

/// <summary>
/// The helper text under every free-text field: that leading and trailing spaces are not kept, and how many characters
/// the text has against its limit — counted as <see cref="TextRules"/> counts them (an emoji is one), not as the
/// browser's <c>maxlength</c> or MudBlazor's counter would (UTF-16 units).
/// </summary>
public static class TextHint
{
    /// <summary>"首尾空格不保存 · 12/100 字".</summary>
    public static string For(IStringLocalizer<SharedResource> t, string? value, int max) =>
        string.Format(CultureInfo.CurrentCulture, t["TextHint"], TextRules.Length(value?.Trim() ?? ""), max);
}
