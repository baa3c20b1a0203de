using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Extensions;

/// <summary>
/// What every response gets (decision 0103): no stack trace in any environment (errors are logged; the browser gets a
/// short page), bad input as a 400 with a message, an oversized body as a 413, and security headers — a
/// Content-Security-Policy that allows only this origin, nosniff, a referrer policy and frame protection — on every
/// page, endpoint, static file, the hub and <c>/jobs</c>.
/// </summary>
public static class WebHygieneExtensions
{
    /// <summary>
    /// The policy. Blazor Server and MudBlazor need: scripts from this origin only (no eval, no inline script), inline
    /// styles (MudBlazor writes style attributes and its theme's style element), images and fonts from here or data:
    /// URIs, and the circuit's WebSocket to this origin ('self' covers ws/wss of the same host).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IServiceCollection AddLiwaterWebHygiene(this IServiceCollection services)
    {
        // Bad input to a minimal API is a plain 400 in every environment, never an exception page.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddExceptionHandler<BadInputExceptionHandler>();
        return services;
    }

    /// <summary>Errors, status pages, body-size check and security headers: first in the pipeline.</summary>
    public static WebApplication UseLiwaterWebHygiene(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "SAMEORIGIN";
            return next(context);
        });

        // In Development too (the README run): the developer exception page is outside this handler and never reached.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePages(WriteStatusAsync);

        // A body larger than the server takes is a 413 before the antiforgery check reads it (which would report a
        // token error). An endpoint with its own limit (IRequestSizeLimitMetadata, applied by routing) refuses with its
        // own page.
        app.Use(static (context, next) =>
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            if (limit is { } max && context.Request.ContentLength > max
                && context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is null
                && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata>() is { RequiresValidation: true })
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    // A short text for the failures a person can cause (bad input, too large); other statuses keep their own bodies.
    private static Task WriteStatusAsync(StatusCodeContext status) => WriteStatusTextAsync(status.HttpContext);

    /// <summary>Writes the short localised text of a 400 or 413 (nothing for other statuses).</summary>
    internal static async Task WriteStatusTextAsync(HttpContext context)
    {
        var key = context.Response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => "BadRequest",
            StatusCodes.Status413PayloadTooLarge => "TooLarge",
            _ => null,
        };
        if (key is null)
        {
            return;
        }

        var t = context.RequestServices.GetRequiredService<IStringLocalizer<Auth.AuthText>>();
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(WebUtility.HtmlEncode(t[key]), context.RequestAborted);
    }
}
