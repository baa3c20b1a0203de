using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Liwater.Dashboard.Live;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>
/// The unattended wall has no login: <c>/screen</c> and the live hub open with a screen key from configuration, given
/// as <c>?key=</c> (or the <c>X-Screen-Key</c> header for integrations). The key signs nobody in and sets no cookie,
/// so it grants these two read-only views and nothing else. Signed-in staff open both without a key
/// (<see cref="MayOpenScreen"/>, the one rule for the page and the hub): they already see more than the wall shows.
/// </summary>
public static class ScreenAccess
{
    public const string PagePath = "/screen";
    public const string HeaderName = "X-Screen-Key";

    /// <summary>Whether this request may see the wall: a signed-in account, or a valid screen key.</summary>
    public static bool MayOpenScreen(ClaimsPrincipal? user, string? key, IReadOnlyCollection<string> keys) =>
        user?.Identity?.IsAuthenticated == true || IsValid(key, keys);

    public static bool IsValid(string? key, IReadOnlyCollection<string> keys)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(key);
        var match = false;
        foreach (var candidate in keys.Where(k => !string.IsNullOrEmpty(k)))
        {
            // Compare with every key in constant time, so timing tells nothing about how close a guess was.
            match |= CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(candidate));
        }

        return match;
    }

    /// <summary>The screen key a request carries: <c>?key=</c>, else the <see cref="HeaderName"/> header.</summary>
    public static string? KeyOf(HttpContext context) =>
        context.Request.Query["key"].FirstOrDefault() ?? context.Request.Headers[HeaderName].FirstOrDefault();

    /// <summary>Whether a request was let in by its account alone (no valid key): what it may see ends with the account
    /// (decision 0155).</summary>
    public static bool ByAccountOnly(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && !IsValid(KeyOf(context), context.RequestServices.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.Keys);

    /// <summary>Refuses requests for the screen and the hub without a valid key or a signed-in account, before any page or
    /// hub code runs.</summary>
    public static IApplicationBuilder UseScreenKeys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var page = path.Equals(PagePath, StringComparison.OrdinalIgnoreCase);
            var guarded = page || path.StartsWithSegments(LiveHub.Path, StringComparison.OrdinalIgnoreCase);
            if (!guarded)
            {
                await next(context);
                return;
            }

            var key = KeyOf(context);
            var keys = context.RequestServices.GetRequiredService<IOptionsMonitor<ScreenOptions>>().CurrentValue.Keys;
            // One rule for the page and the hub (decision 0155): the hub sends only what the wall shows, so whoever may
            // open the wall — a key, or any signed-in account — may follow it live.
            if (MayOpenScreen(context.User, key, keys))
            {
                await next(context);
                return;
            }

            await RefuseAsync(context, missing: string.IsNullOrEmpty(key));
        });

    private static Task RefuseAsync(HttpContext context, bool missing)
    {
        context.Response.StatusCode = missing ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        // Request localization has run, so the page speaks the culture cookie's language like the wall would.
        var t = context.RequestServices.GetRequiredService<IStringLocalizer<ScreenText>>();
        var title = WebUtility.HtmlEncode(t["RefusedTitle"]);
        var reason = WebUtility.HtmlEncode(string.Format(CultureInfo.CurrentCulture, t["RefusedHint"], t[missing ? "RefusedMissing" : "RefusedInvalid"]));
        return context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.Name}"><head><meta charset="utf-8"><title>{title}</title></head>
            <body style="font-family:sans-serif;background:#0b1426;color:#e8eef7;padding:4rem;font-size:1.5rem">
            <h1>{title}</h1>
            <p>{reason}</p>
            </body></html>
            """);
    }
}
