using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Liwater.Dashboard.Extensions;

/// <summary>
/// Liwater reads one settings file: the repository's top-level <c>appsettings.json</c> (a published build carries a
/// copy beside the binary). The setting <c>settings</c> (command line <c>--settings path</c>) or the environment
/// variable <c>LIWATER_SETTINGS</c> names another file. Environment variables and the command line still override
/// the values in it.
/// </summary>
public static class SettingsFile
{
    public const string EnvironmentVariable = "LIWATER_SETTINGS";

    /// <summary>Finds the file, puts it where the default appsettings.json source stood, and returns its folder.</summary>
    public static string AddLiwaterSettings(this WebApplicationBuilder builder)
    {
        var path = Locate(builder.Environment.ContentRootPath, builder.Configuration["settings"]);
        var folder = Path.GetDirectoryName(path)!;
        var source = new JsonConfigurationSource
        {
            Path = Path.GetFileName(path),
            FileProvider = new PhysicalFileProvider(folder),
            Optional = false,
            // The host's own switch (DOTNET_hostBuilder__reloadConfigOnChange=false): the test suite turns watching off,
            // since each watcher is an inotify instance and a machine allows a user only 128 of them.
            ReloadOnChange = builder.Configuration.GetValue("hostBuilder:reloadConfigOnChange", defaultValue: true),
        };
        var sources = builder.Configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        if (index < 0)
        {
            index = sources.Count;
        }

        sources.Insert(index, source);
        builder.Configuration["Liwater:SettingsFolder"] = folder;
        return folder;
    }

    public static string Locate(string contentRoot, string? named = null)
    {
        named ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return File.Exists(named)
                ? Path.GetFullPath(named)
                : throw new FileNotFoundException($"The settings file '{named}' (from --settings or {EnvironmentVariable}) does not exist. Fix the path or create the file.");
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "appsettings.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"No appsettings.json was found above '{contentRoot}'. Run from a clone of the repository, or set {EnvironmentVariable} to the settings file.");
    }
}
