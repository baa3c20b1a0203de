using Hangfire.Dashboard;
using Liwater.Dashboard.Components.Shared;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Lets only signed-in town-office users into the Hangfire dashboard at /jobs. A signed-in user with another role is
/// sent to the app's access-denied page (<see cref="GateAsync"/>, which answers 403 in the user's language) instead of
/// Hangfire's bare 403; an anonymous request still gets Hangfire's 401.
/// </summary>
public sealed class TownOfficeDashboardFilter : IDashboardAuthorizationFilter
{
    /// <summary>The role (a <c>ClaimTypes.Role</c> claim set by the cookie sign-in) that may see the jobs.</summary>
    public const string Role = "town_office";

    public bool Authorize(DashboardContext context) => Allows(context.GetHttpContext().User);

    /// <summary>Middleware in front of the dashboard: the refusal of a signed-in user is the app's refusal page.</summary>
    public static Task GateAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(Extensions.JobsServiceExtensions.DashboardPath)
            && context.User.Identity?.IsAuthenticated == true && !Allows(context.User))
        {
            context.Response.Redirect(AccessDeniedReasons.For(context.Request.Path.Value ?? Extensions.JobsServiceExtensions.DashboardPath));
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static bool Allows(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Role);
}
