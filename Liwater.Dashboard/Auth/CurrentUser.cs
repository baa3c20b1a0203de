using System.Globalization;
using System.Security.Claims;
using Liwater.Data.Cases;

namespace Liwater.Dashboard.Auth;

/// <summary>The claims a Liwater cookie carries, and the <see cref="ActingUser"/> the data layer needs from them.</summary>
public static class CurrentUser
{
    public const string DisplayNameClaim = "liwater:display_name";
    public const string CommunityClaim = "liwater:community_id";
    public const string VersionClaim = "liwater:user_version";
    public const string CompoundsClaim = "liwater:compound_ids";

    public static ClaimsPrincipal ToPrincipal(UserRow user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.Role, user.Role),
            new(DisplayNameClaim, user.DisplayName),
            new(VersionClaim, user.Version.ToString(CultureInfo.InvariantCulture)),
        };
        if (user.CommunityId is { } community)
        {
            claims.Add(new(CommunityClaim, community.ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(user.CompoundList))
        {
            claims.Add(new(CompoundsClaim, user.CompoundList));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The acting user of a signed-in principal; an anonymous one becomes a viewer with no id (reads are then refused by the pages' [Authorize]).</summary>
    public static ActingUser ToActingUser(this ClaimsPrincipal principal) => new()
    {
        Id = long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : 0,
        Username = principal.Identity?.Name ?? "",
        DisplayName = principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity?.Name ?? "",
        Role = principal.FindFirstValue(ClaimTypes.Role) ?? Roles.Viewer,
        CommunityId = long.TryParse(principal.FindFirstValue(CommunityClaim), CultureInfo.InvariantCulture, out var c) ? c : null,
        CompoundIds = (principal.FindFirstValue(CompoundsClaim) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => long.TryParse(x, CultureInfo.InvariantCulture, out var v) ? v : 0).Where(v => v > 0).ToList(),
    };

    /// <summary>The acting user of a component's cascading authentication state; a viewer with no id when absent.</summary>
    public static async Task<ActingUser> ActorAsync(this Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? state) =>
        state is null ? new ActingUser() : (await state).User.ToActingUser();
}
