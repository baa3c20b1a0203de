using Hangfire.Dashboard;

namespace Liwater.Dashboard.Jobs;

/// <summary>
/// Lets only signed-in town-office users into the Hangfire dashboard at /jobs. Hangfire answers everyone else
/// with 401 (not signed in) or 403 (signed in with another role).
/// </summary>
public sealed class TownOfficeDashboardFilter : IDashboardAuthorizationFilter
{
    /// <summary>The role (a <c>ClaimTypes.Role</c> claim set by the cookie sign-in) that may see the jobs.</summary>
    public const string Role = "town_office";

    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Role);
}
