using Liwater.Data.Cases;

namespace Liwater.Dashboard.Auth;

/// <summary>
/// Who may write on the governance pages, as role lists for <c>AuthorizeView Roles</c>. Blazor wires event handlers
/// only for rendered elements, so a control hidden this way cannot be triggered by a forged request either.
/// </summary>
public static class RoleSets
{
    /// <summary>Record council work, volunteer activities and imports: the town office and community staff.</summary>
    public const string Clerks = Roles.TownOffice + "," + Roles.CommunityStaff;

    /// <summary>Enter assessment score sheets: the town office and the assessment panel.</summary>
    public const string Assessors = Roles.TownOffice + "," + Roles.Assessor;
}
