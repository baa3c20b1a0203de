using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Liwater.Dashboard.Extensions;

/// <summary>Simplified Chinese by default, English on request; the choice lives in the standard culture cookie.</summary>
public static class LocalizationExtensions
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static IServiceCollection AddLiwaterLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            // Only the cookie decides: a browser asking for English must not switch town staff's screens.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new QueryStringRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>GET /culture/{name}?redirectUri=/x stores the choice and returns to the page (a full reload, so
    /// the new circuit starts in the chosen culture).</summary>
    public static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet("/culture/{name}", (string name, string? redirectUri, HttpContext context) =>
        {
            var culture = Cultures.Contains(name) ? name : Cultures[0];
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            // Checked like every redirect target (Auth/RedirectTarget): anything but a plain local path goes home.
            return Results.Redirect(Auth.RedirectTarget.SafeOr(redirectUri));
        });
}
