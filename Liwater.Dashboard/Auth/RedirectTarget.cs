namespace Liwater.Dashboard.Auth;

/// <summary>
/// The one check for every redirect target the app takes from a request (sign-in's return URL, the culture switch,
/// the login page's link back): a path on this site, in printable ASCII, that no browser reads as another host.
/// </summary>
public static class RedirectTarget
{
    /// <summary>The longest target accepted; longer ones fall back.</summary>
    public const int MaxLength = 2048;

    /// <summary>
    /// Whether <paramref name="url"/> is a local path: starts with one '/', not "//" or "/\", no backslash, no control
    /// character, NUL, space or non-ASCII character anywhere (browsers strip or rewrite those, turning "/\evil" or
    /// "/%0A" tricks into other hosts or header injection).
    /// </summary>
    public static bool IsSafe(string? url) =>
        url is { Length: > 0 and <= MaxLength }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && url.All(ch => ch is > ' ' and < (char)0x7F and not '\\');

    /// <summary>The target if it is safe, else <paramref name="fallback"/>.</summary>
    public static string SafeOr(string? url, string fallback = "/") => IsSafe(url) ? url! : fallback;
}
