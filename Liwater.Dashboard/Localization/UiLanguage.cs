using System.Globalization;

namespace Liwater.Dashboard.Localization;

/// <summary>The reader's language where a page picks between two stored names or joins words (one home for the test).</summary>
public static class UiLanguage
{
    /// <summary>Gets whether the current UI culture is Chinese (the default) rather than English.</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>A configured name in the reader's language: the Chinese one, or the English one when there is one.</summary>
    public static string Name(string name, string? nameEn) => IsChinese || string.IsNullOrWhiteSpace(nameEn) ? name : nameEn;

    /// <summary>Words as a list: 甲、乙、丙 in Chinese, "a, b, c" in English.</summary>
    public static string List(IEnumerable<string> words) => string.Join(IsChinese ? "、" : ", ", words);
}
