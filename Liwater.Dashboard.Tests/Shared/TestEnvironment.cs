using System.Runtime.CompilerServices;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>Process-wide settings for every app host the tests start, in this process and in child processes.</summary>
internal static class TestEnvironment
{
    /// <summary>
    /// No settings-file watchers: each one is an inotify instance, a user gets 128 on this machine, and several test
    /// runs side by side (each host watching appsettings.json) ran out ("The configured user limit (128) on the number
    /// of inotify instances has been reached"). The tests never edit settings files while an app runs.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
