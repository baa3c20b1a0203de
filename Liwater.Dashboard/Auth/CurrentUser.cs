using System.Globalization;
using System.Security.Claims;
using Liwater.Data.Cases;

namespace Liwater.Dashboard.Auth;

/// <summary>
/// The claims a Liwater cookie carries, and the one place an <see cref="ActingUser"/> is made from them (pages,
/// endpoints and the revalidation all go through <see cref="ToActingUser(ClaimsPrincipal)"/>).
/// </summary>
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
    public static ActingUser ToActingUser(this ClaimsPrincipal principal)
    {
        // Without an account id a principal gets no more than a viewer's rights (id 0 is not checked against users).
        var hasId = long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) && id > 0;
        return new()
        {
            Id = hasId ? id : 0,
            Username = principal.Identity?.Name ?? "",
            DisplayName = principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity?.Name ?? "",
            Role = hasId ? principal.FindFirstValue(ClaimTypes.Role) ?? Roles.Viewer : Roles.Viewer,
            CommunityId = long.TryParse(principal.FindFirstValue(CommunityClaim), CultureInfo.InvariantCulture, out var c) ? c : null,
            Version = long.TryParse(principal.FindFirstValue(VersionClaim), CultureInfo.InvariantCulture, out var v) ? v : 0,
            CompoundIds = ParseCompounds(principal.FindFirstValue(CompoundsClaim)),
        };
    }

    /// <summary>The acting user of an account row (what a new cookie will say).</summary>
    public static ActingUser ToActingUser(this UserRow user) => new()
    {
        Id = user.Id,
        Username = user.Username,
        DisplayName = user.DisplayName,
        Role = user.Role,
        CommunityId = user.CommunityId,
        Version = user.Version,
        CompoundIds = ParseCompounds(user.CompoundList),
    };

    private static List<long> ParseCompounds(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => long.TryParse(x, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();

    /// <summary>The acting user of a component's cascading authentication state; a viewer with no id when absent.</summary>
    public static async Task<ActingUser> ActorAsync(this Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? state) =>
        state is null ? new ActingUser() : (await state).User.ToActingUser();
}
