namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>Settings of the command-centre screen under <c>Liwater:Screen</c>.</summary>
public sealed class ScreenOptions
{
    public const string Section = "Liwater:Screen";

    /// <summary>Gets or sets the read-only keys that open <c>/screen?key=…</c> and the live hub. Production takes
    /// them from the environment (Liwater__Screen__Keys__0); a key starting with "demo-" is refused there.</summary>
    public string[] Keys { get; set; } = [];

    /// <summary>Gets or sets a GeoJSON file supplied by the town (outlines and compound points), relative to the
    /// settings file. Defaults to none: the map is a schematic.</summary>
    public string? GeoJsonPath { get; set; }

    /// <summary>Gets or sets how long each map layer stays before the next. Defaults to 20 s.</summary>
    public int LayerRotationSeconds { get; set; } = 20;

    /// <summary>Gets or sets how close to its deadline an open case counts as "due soon". Defaults to 24 hours
    /// (assumption: the source gives no town-level deadline).</summary>
    public int DueSoonHours { get; set; } = 24;

    /// <summary>Gets or sets how often the screen re-reads its figures without a change (deadlines pass with time,
    /// days end). Defaults to 30 s.</summary>
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>Gets or sets how many events the ticker shows (two columns of two-line events fit four). Defaults to 4.</summary>
    public int TickerSize { get; set; } = 4;
}
