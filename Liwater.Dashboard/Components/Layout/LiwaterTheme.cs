using MudBlazor;

namespace Liwater.Dashboard.Components.Layout;

/// <summary>The themes of Liwater. Fonts are the machine's own CJK fonts: nothing is fetched from the internet.</summary>
public static class LiwaterTheme
{
    private static readonly string[] FontStack = ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", "sans-serif"];

    /// <summary>Gets the light theme of the staff pages, in the red of the Party-building programme.</summary>
    public static MudTheme Staff { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#B71C1C",
            Secondary = "#1565C0",
            AppbarBackground = "#B71C1C",
            Background = "#F6F6F4",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = FontStack } },
    };

    /// <summary>Gets the dark theme of the command-centre screen.</summary>
    public static MudTheme Screen { get; } = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#FF5252",
            Background = "#0B1220",
            Surface = "#111A2E",
            TextPrimary = "#F2F5FA",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = FontStack } },
    };
}
