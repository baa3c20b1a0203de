using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Liwater.Dashboard.Auth;

/// <summary>POST /account/login and /account/logout: plain form posts (antiforgery-checked) that set or clear the cookie.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/login", async ([FromForm] LoginForm form, HttpContext context, UserStore users) =>
        {
            var returnUrl = SafeReturnUrl(form.ReturnUrl);
            var result = await users.SignInAsync(form.Username ?? "", form.Password ?? "", context.RequestAborted);
            if (result.Outcome != SignInOutcome.Ok)
            {
                var query = $"?error={result.Outcome.ToString().ToLowerInvariant()}&username={Uri.EscapeDataString(form.Username ?? "")}&returnUrl={Uri.EscapeDataString(returnUrl)}";
                if (result.LockedUntil is { } until)
                {
                    query += "&until=" + until.ToString(CultureInfo.InvariantCulture);
                }

                return Results.LocalRedirect("/login" + query);
            }

            await context.SignInAsync(
                CookieAuthenticationDefaults.AuthenticationScheme,
                CurrentUser.ToPrincipal(result.User!, CookieAuthenticationDefaults.AuthenticationScheme),
                new AuthenticationProperties { IsPersistent = false });
            return Results.LocalRedirect(returnUrl);
        });

        app.MapPost("/account/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        });
    }

    private static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    public sealed class LoginForm
    {
        public string? Username { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }
}
