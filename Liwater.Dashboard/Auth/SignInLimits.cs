using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Auth;

/// <summary>
/// The per-client limit on sign-in posts (decision 0101): a token bucket per client address, refilled evenly over a
/// minute; an empty bucket answers 429 with a short page in the user's language. Failures per name are held back per
/// client in <see cref="UserStore.SignInAsync"/>; neither can keep a real user on another client out.
/// </summary>
public static class SignInLimits
{
    public const string Policy = "sign-in";

    /// <summary>Adds the sign-in policy to the app's one rate limiter (<see cref="Extensions.RateLimitExtensions"/>).</summary>
    public static void AddSignInPolicy(RateLimiterOptions limiter, AuthOptions options)
    {
        var perMinute = Math.Max(1, options.ClientAttemptsPerMinute);
        limiter.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(
            ClientOf(context),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>The client an attempt is counted against: its address (the proxy's, unless forwarded headers are configured).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : "unknown";

    /// <summary>The refusal of a sign-in post: 429 with a short page in the user's language.</summary>
    public static async ValueTask WriteTooManyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var t = context.RequestServices.GetRequiredService<IStringLocalizer<AuthText>>();
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = "60";
        context.Response.ContentType = "text/html; charset=utf-8";
        var html = string.Create(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{WebUtility.HtmlEncode(CultureInfo.CurrentUICulture.Name)}"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(t["LoginTitle"])}</title></head>
            <body><main><h1>{WebUtility.HtmlEncode(t["LoginTitle"])}</h1><p role="alert" data-testid="too-many">{WebUtility.HtmlEncode(t["ErrorTooMany"])}</p>
            <p><a href="/login">{WebUtility.HtmlEncode(t["BackToSignIn"])}</a></p></main></body></html>
            """);
        await context.Response.WriteAsync(html, cancellationToken);
    }
}
