namespace Liwater.Dashboard.Auth;

/// <summary>One row of <c>users</c>.</summary>
public sealed record UserRow
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public string Role { get; init; } = "";
    public long? CommunityId { get; init; }
    public string? CommunityName { get; init; }
    public bool IsActive { get; init; }
    public long CreatedAt { get; init; }
    public long Version { get; init; }

    /// <summary>Gets a property steward's compound ids, comma-separated (null for other roles).</summary>
    public string? CompoundList { get; init; }
}

/// <summary>What a sign-in attempt came to.</summary>
public enum SignInOutcome
{
    Ok,

    /// <summary>Unknown name, deactivated account or wrong password: one answer for all three.</summary>
    Invalid,

    /// <summary>Too many failures for this name from this client; it may try again at <see cref="SignInResult.LockedUntil"/>.</summary>
    Throttled,
}

public sealed record SignInResult(SignInOutcome Outcome, UserRow? User = null, long? LockedUntil = null);

/// <summary>The account form on the users page.</summary>
public sealed class UserInput
{
    public string Username { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Liwater.Data.Access.Roles.Viewer;
    public long? CommunityId { get; set; }
    public string Password { get; set; } = "";
}
