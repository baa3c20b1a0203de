using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Liwater.Dashboard.Auth;

/// <summary>POST /account/login and /account/logout: plain form posts (antiforgery-checked) that set or clear the cookie.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/login", async ([FromForm] LoginForm? form, HttpContext context, UserStore users) =>
        {
            // A post that names none of the fields binds to null: an empty sign-in, refused as any wrong one.
            form ??= new LoginForm();
            var returnUrl = RedirectTarget.SafeOr(form.ReturnUrl);
            var username = form.Username ?? "";
            var result = await users.SignInAsync(username, form.Password ?? "", SignInLimits.ClientOf(context), context.RequestAborted);
            if (result.Outcome != SignInOutcome.Ok)
            {
                // The same answer for an unknown name, a deactivated account and a wrong password; "locked" is about this
                // client and this typed name, and comes for names that do not exist too. The name comes back as the account
                // rule limits it (whole characters, never half of one).
                var query = $"?error={(result.Outcome == SignInOutcome.Throttled ? "locked" : "invalid")}&username={Uri.EscapeDataString(UserStore.LimitUsername(username))}&returnUrl={Uri.EscapeDataString(returnUrl)}";
                if (result.LockedUntil is { } until)
                {
                    query += "&until=" + until.ToString(CultureInfo.InvariantCulture);
                }

                return Results.Redirect("/login" + query);
            }

            await context.SignInAsync(
                CookieAuthenticationDefaults.AuthenticationScheme,
                CurrentUser.ToPrincipal(result.User!, CookieAuthenticationDefaults.AuthenticationScheme),
                new AuthenticationProperties { IsPersistent = false });
            return Results.Redirect(returnUrl);
        }).RequireRateLimiting(SignInLimits.Policy);

        // Without a form parameter a minimal API checks no antiforgery token by itself: check it here, so that another
        // site cannot sign a user out.
        app.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        });
    }

    public sealed class LoginForm
    {
        public string? Username { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }
}
