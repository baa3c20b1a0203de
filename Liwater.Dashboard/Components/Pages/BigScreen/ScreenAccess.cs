using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Liwater.Dashboard.Live;
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

            var key = context.Request.Query["key"].FirstOrDefault() ?? context.Request.Headers[HeaderName].FirstOrDefault();
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
        var reason = missing ? "缺少大屏密钥。" : "大屏密钥无效。";
        return context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>无法打开指挥大屏</title></head>
            <body style="font-family:sans-serif;background:#0b1426;color:#e8eef7;padding:4rem;font-size:1.5rem">
            <h1>无法打开指挥大屏</h1>
            <p>{reason}请使用城治办提供的地址（形如 /screen?key=…）打开大屏。</p>
            </body></html>
            """);
    }
}
