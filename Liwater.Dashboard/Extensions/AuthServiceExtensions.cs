using Liwater.Dashboard.Auth;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
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
        services.AddSingleton<SignInAttemptLog>();
        services.AddHostedService(sp => sp.GetRequiredService<SignInAttemptLog>());
        services.AddSingleton<UserStore>();
        services.AddSingleton<DemoAccounts>();
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

        // Open pages re-check their account every few seconds (the cookie is only checked on new requests).
        services.AddScoped<AuthenticationStateProvider, AccountRevalidation>();
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
        var db = context.HttpContext.RequestServices.GetRequiredService<Db>();
        if (!await AccountRevalidation.IsCurrentAsync(db, context.Principal!, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
