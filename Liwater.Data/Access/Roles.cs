namespace Liwater.Data.Access;

/// <summary>The five roles; the data layer decides what each may do (see Liwater.Data.Cases.CaseAccess).</summary>
public static class Roles
{
    public const string TownOffice = "town_office";
    public const string CommunityStaff = "community_staff";
    public const string Chair = "chair";
    public const string Assessor = "assessor";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [TownOffice, CommunityStaff, Chair, Assessor, Viewer];
}
