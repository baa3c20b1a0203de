namespace Liwater.Data.Access;

/// <summary>The five roles; the data layer decides what each may do (see Liwater.Data.Cases.CaseAccess).</summary>
public static class Roles
{
    public const string TownOffice = "town_office";
    public const string CommunityStaff = "community_staff";
    public const string Chair = "chair";
    public const string Assessor = "assessor";
    public const string Viewer = "viewer";

    /// <summary>A property steward (物业管家): works the compound-level cases of the compounds listed for them.</summary>
    public const string PropertySteward = "property_steward";

    /// <summary>
    /// Not an account: the acting user of the resident QR channel, who holds nothing but a building's code or a case's
    /// tracking link (see Liwater.Data.Cases.CaseAccess).
    /// </summary>
    public const string Resident = "resident";

    public static readonly IReadOnlyList<string> All = [TownOffice, CommunityStaff, Chair, Assessor, Viewer, PropertySteward];
}
