using System.Globalization;
using System.Security.Claims;
using Liwater.Dashboard.Auth;
using Liwater.Data.Cases;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>Accounts, cookie sign-in and roles (Auth/): owned by the cases work.</summary>
public static class AuthServiceExtensions
{
    /// <summary>Policy names for [Authorize(Policy = ...)].</summary>
    public const string TownOfficePolicy = "town_office";

    public static IServiceCollection AddLiwaterAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);
        services.AddSingleton<UserStore>();
        services.AddHostedService<AccountSeeder>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = Components.Shared.AccessDeniedReasons.Path;
                o.Cookie.Name = "liwater.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(TownOfficePolicy, p => p.RequireRole(Roles.TownOffice));
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static WebApplication UseLiwaterAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapLiwaterAuth(this WebApplication app)
    {
        app.MapAccountEndpoints();
        return app;
    }

    // A deactivated account, or one whose role, community or password changed, loses its cookie on the next request.
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var id = long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var user = await users.FindAsync(id, context.HttpContext.RequestAborted);
        if (user is null || !user.IsActive || user.Version.ToString(CultureInfo.InvariantCulture) != principal.FindFirstValue(CurrentUser.VersionClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
