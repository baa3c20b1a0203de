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
        [CaseActionKind.Reply, CaseActionKind.FollowUp, CaseActionKind.Result, CaseActionKind.Consultation, CaseActionKind.Pairing];

    public static bool CanReadAll(ActingUser user) => user.Role is Roles.TownOffice or Roles.Chair or Roles.Assessor or Roles.Viewer;

    public static bool CanRead(ActingUser user, long caseCommunityId) =>
        CanReadAll(user) || (user.Role == Roles.CommunityStaff && user.CommunityId == caseCommunityId);

    public static bool CanCreate(ActingUser user, long communityId) => user.WorksFor(communityId);

    /// <summary>Whether the role may create cases at all (to show the button).</summary>
    public static bool CanCreateAny(ActingUser user) => user.Role is Roles.TownOffice or Roles.CommunityStaff;

    /// <summary>Whether the role may act on any case at all (assessors and viewers may not): checked before input.</summary>
    public static bool CanActAny(ActingUser user) => user.Role is Roles.TownOffice or Roles.CommunityStaff or Roles.Chair;

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

    /// <summary>The Chinese reason shown when <see cref="CanAct"/> says no.</summary>
    public static string RefusalMessage(ActingUser user, CaseRow c) => user.Role switch
    {
        Roles.Assessor or Roles.Viewer => "您的角色只能查看案件，不能修改。",
        Roles.Chair => "联席会议召集人只能处理镇级案件。",
        Roles.CommunityStaff when user.CommunityId != c.CommunityId => "您只能处理本社区的案件。",
        Roles.CommunityStaff => "镇级案件的决定由联席会议作出，社区只能补充办理记录。",
        _ => "无权执行此操作。",
    };
}
