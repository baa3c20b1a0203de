using Liwater.Data.Accounts;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Liwater.Dashboard.Auth;

/// <summary>
/// Every open page (circuit) re-checks its account every <see cref="AuthOptions.RevalidateSeconds"/>: once the account
/// is deactivated, demoted or its password reset, the page's user becomes anonymous and every [Authorize] view sends
/// it to the login page. The same rule as the cookie check and the data layer's write check
/// (<see cref="AccountCheck.IsCurrentAsync"/>).
/// </summary>
public sealed class AccountRevalidation(ILoggerFactory loggerFactory, Db db, AuthOptions options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    // Clamped to 1–10 s: revocation must reach an open page within 10 s whatever the setting says.
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Clamp(options.RevalidateSeconds, 1, 10));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsCurrentAsync(db, authenticationState.User, cancellationToken);

    /// <summary>Whether a signed-in principal's account is still active and unchanged; an anonymous one always is.</summary>
    public static async Task<bool> IsCurrentAsync(Db db, System.Security.Claims.ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var actor = principal.ToActingUser();
        return actor.Id != 0 && await db.ReadAsync(c => AccountCheck.IsCurrentAsync(c, null, actor), cancellationToken);
    }
}
