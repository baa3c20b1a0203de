namespace Liwater.Data.Access;

/// <summary>The signed-in user on whose behalf a query or command runs.</summary>
public sealed record ActingUser
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = Roles.Viewer;
    public long? CommunityId { get; init; }

    /// <summary>Gets the compounds a property steward works for (empty for every other role).</summary>
    public IReadOnlyList<long> CompoundIds { get; init; } = [];

    /// <summary>The acting user of the resident QR channel (no account, id 0; audited as "resident").</summary>
    public static ActingUser ResidentChannel { get; } = new() { Username = "resident", DisplayName = ActorNames.Resident, Role = Roles.Resident };

    /// <summary>The system acting on its own: town-office rights, no account (id 0 is written as no user; audited as "system").</summary>
    public static ActingUser System { get; } = new() { Id = 0, Username = "system", DisplayName = ActorNames.System, Role = Roles.TownOffice };

    /// <summary>
    /// Gets the account version the user signed in with (users.version, the security stamp). Every write re-reads the
    /// account and refuses when it moved on (deactivated, role or community changed, password reset).
    /// </summary>
    public long Version { get; init; }

    /// <summary>
    /// Whether the user records work for that community: the town office for every community, community staff for
    /// their own. The one rule behind creating cases and recording council and volunteer work.
    /// </summary>
    public bool WorksFor(long communityId) =>
        Role == Roles.TownOffice || (Role == Roles.CommunityStaff && CommunityId == communityId);
}
