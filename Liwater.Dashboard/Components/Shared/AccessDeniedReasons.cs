namespace Liwater.Dashboard.Components.Shared;

/// <summary>
/// Where refusals go and what they say: the one access-denied page (<see cref="Path"/>) and the reason shown for a
/// refused path (a SharedResource key). Paths not listed get the general reason.
/// </summary>
public static class AccessDeniedReasons
{
    /// <summary>The access-denied page: the cookie's AccessDeniedPath and the /jobs gate send refused users here.</summary>
    public const string Path = "/access-denied";

    public const string DefaultKey = "AccessDeniedDefault";

    private static readonly (string Prefix, string Key)[] Reasons =
    [
        ("/users", "AccessDeniedUsers"),
        ("/jobs", "AccessDeniedJobs"),
        ("/cases/new", "AccessDeniedCaseCreate"),
    ];

    /// <summary>Every reason key, for the test that checks both languages have them.</summary>
    public static IEnumerable<string> AllKeys => Reasons.Select(r => r.Key).Append(DefaultKey);

    /// <summary>The resource key of the reason for a refused local path.</summary>
    public static string KeyFor(string? path)
    {
        if (path is null)
        {
            return DefaultKey;
        }

        foreach (var (prefix, key) in Reasons)
        {
            if (path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(prefix + "?", StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return DefaultKey;
    }

    /// <summary>
    /// The refused path if it is a plain local path (so the page never echoes an outside address), otherwise null.
    /// </summary>
    public static string? LocalPath(string? returnUrl) =>
        returnUrl is { Length: >= 1 and <= 2048 } url && url[0] == '/' && (url.Length == 1 || url[1] is not '/' and not '\\') && !url.Any(char.IsControl)
            ? url
            : null;

    /// <summary>The access-denied page for a refused path.</summary>
    public static string For(string path) => Path + "?returnUrl=" + Uri.EscapeDataString(path);
}
