namespace Liwater.Dashboard.Extensions;

/// <summary>Top-level settings under <c>Liwater</c> in appsettings.json.</summary>
public sealed class LiwaterOptions
{
    public const string Section = "Liwater";

    /// <summary>Gets or sets the folder that relative paths start from (the settings file's folder; set at start-up).</summary>
    public string SettingsFolder { get; set; } = ".";

    /// <summary>Gets or sets the IANA id of the display time zone. Defaults to Asia/Shanghai.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Gets or sets whether an empty database receives the Lishui demo dataset at start-up. Off in production.</summary>
    public bool LoadDemoData { get; set; }

    /// <summary>Resolves a path from configuration against the settings folder.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(SettingsFolder, path));
}
