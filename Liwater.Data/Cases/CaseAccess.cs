namespace Liwater.Data.Cases;

/// <summary>
/// Who may do what with cases. Enforced by <see cref="CaseQueries"/> and <see cref="CaseCommands"/> themselves, so a
/// hidden button is never the only guard: town office everything; community staff their own community's cases
/// (at town level only the work steps — decisions there belong to the joint meeting); chairs everything on
/// town-level cases and read all; assessors and viewers read only.
/// </summary>
public static class CaseAccess
{
    private static readonly HashSet<CaseActionKind> WorkSteps =
        [CaseActionKind.Reply, CaseActionKind.FollowUp, CaseActionKind.Result, CaseActionKind.Consultation, CaseActionKind.Pairing, CaseActionKind.MotionResult];

    public static bool CanReadAll(ActingUser user) => user.Role is Roles.TownOffice or Roles.Chair or Roles.Assessor or Roles.Viewer;

    public static bool CanRead(ActingUser user, long caseCommunityId) =>
        CanReadAll(user) || (user.Role == Roles.CommunityStaff && user.CommunityId == caseCommunityId);

    public static bool CanCreate(ActingUser user, long communityId) => user.WorksFor(communityId);

    /// <summary>Whether the role may create cases at all (to show the button).</summary>
    public static bool CanCreateAny(ActingUser user) => user.Role is Roles.TownOffice or Roles.CommunityStaff;

    public static bool CanAct(ActingUser user, CaseRow c, CaseActionKind kind)
    {
        if (kind == CaseActionKind.Assign)
        {
            // Assignment to a town department is a joint-meeting decision: chairs and the town office, town level only.
            return user.Role is Roles.TownOffice or Roles.Chair && c.Level == CaseLevels.Town;
        }

        return user.Role switch
        {
            Roles.TownOffice => true,
            Roles.CommunityStaff => user.CommunityId == c.CommunityId && (c.Level != CaseLevels.Town || WorkSteps.Contains(kind)),
            Roles.Chair => c.Level == CaseLevels.Town,
            _ => false,
        };
    }

    /// <summary>Why <see cref="CanAct"/> says no.</summary>
    public static DataError Refusal(ActingUser user, CaseRow c) => new(user.Role switch
    {
        Roles.Assessor or Roles.Viewer => CaseErrors.RefusedReadOnly,
        Roles.Chair => CaseErrors.RefusedChairTownOnly,
        Roles.CommunityStaff when user.CommunityId != c.CommunityId => CaseErrors.RefusedOtherCommunity,
        Roles.CommunityStaff => CaseErrors.RefusedTownDecisions,
        _ => CaseErrors.RefusedGeneric,
    });
}
