using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Residents;

/// <summary>
/// ASP.NET Core's rate limiter on resident reports (POST /r/{code}): per client address and per building code, each a
/// fixed window. Every other request passes untouched. A refusal is a 429 page with a Chinese (or English) message.
/// </summary>
public static class ResidentRateLimits
{
    /// <summary>Sets the app's one rate limiter's global limiter (<see cref="Extensions.RateLimitExtensions"/>).</summary>
    public static void AddResidentLimiter(RateLimiterOptions limiter, ResidentOptions options)
    {
        var window = TimeSpan.FromMinutes(options.WindowMinutes);
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => ReportCode(context) is null
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter("client:" + context.Connection.RemoteIpAddress, _ => Window(options.ReportsPerClient, window))),
            PartitionedRateLimiter.Create<HttpContext, string>(context => ReportCode(context) is { } code
                ? RateLimitPartition.GetFixedWindowLimiter("building:" + code, _ => Window(options.ReportsPerBuilding, window))
                : RateLimitPartition.GetNoLimiter("")));
    }

    /// <summary>The refusal of a report: a 429 page with a Chinese (or English) message.</summary>
    public static async ValueTask WriteRefusalAsync(HttpContext http)
    {
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<ResidentText>>();
        await ResidentEndpoints.MessagePage(text["RateLimitedTitle"], text["RateLimited"], StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }

    /// <summary>The building code of a report submission, or null for any other request.</summary>
    private static string? ReportCode(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.StartsWithSegments("/r", out var rest)
        && rest.Value is { Length: > 1 } code && !code[1..].Contains('/', StringComparison.Ordinal)
            ? code[1..]
            : null;

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true };
}
