namespace Liwater.Data.Access;

/// <summary>The signed-in user on whose behalf a query or command runs.</summary>
public sealed record ActingUser
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = Roles.Viewer;
    public long? CommunityId { get; init; }

    /// <summary>
    /// Whether the user records work for that community: the town office for every community, community staff for
    /// their own. The one rule behind creating cases and recording council and volunteer work.
    /// </summary>
    public bool WorksFor(long communityId) =>
        Role == Roles.TownOffice || (Role == Roles.CommunityStaff && CommunityId == communityId);
}
