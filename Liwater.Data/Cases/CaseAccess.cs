namespace Liwater.Data.Cases;

/// <summary>
/// Who may do what with cases. Enforced by <see cref="CaseQueries"/> and <see cref="CaseCommands"/> themselves, so a
/// hidden button is never the only guard: town office everything; community staff their own community's cases
/// (at town level only the work steps — decisions there belong to the joint meeting); chairs everything on
/// town-level cases and read all; assessors and viewers read only. Property stewards work the compound-level cases of
/// their own compounds (work steps, photos, resolve, escalate to the community, mark spam) and read those compounds'
/// cases. The resident channel (no account) may only file a compound-level QR report and confirm its outcome.
/// </summary>
public static class CaseAccess
{
    private static readonly HashSet<CaseActionKind> WorkSteps =
        [CaseActionKind.Reply, CaseActionKind.FollowUp, CaseActionKind.Result, CaseActionKind.Consultation, CaseActionKind.Pairing, CaseActionKind.Photo];

    private static readonly HashSet<CaseActionKind> StewardSteps =
        [.. WorkSteps, CaseActionKind.Resolve, CaseActionKind.Escalate, CaseActionKind.MarkSpam];

    private static readonly HashSet<CaseActionKind> ResidentSteps = [CaseActionKind.ConfirmSatisfied, CaseActionKind.ConfirmUnsatisfied];

    public static bool CanReadAll(ActingUser user) => user.Role is Roles.TownOffice or Roles.Chair or Roles.Assessor or Roles.Viewer;

    public static bool CanRead(ActingUser user, long caseCommunityId) =>
        CanReadAll(user) || (user.Role == Roles.CommunityStaff && user.CommunityId == caseCommunityId);

    /// <summary>Whether the user may read this case: <see cref="CanRead(ActingUser, long)"/>, or a steward of its compound.</summary>
    public static bool CanRead(ActingUser user, CaseRow c) =>
        CanRead(user, c.CommunityId) || (user.Role == Roles.PropertySteward && user.CompoundIds.Contains(c.CompoundId));

    public static bool CanCreate(ActingUser user, long communityId, NewCase? input = null) =>
        user.WorksFor(communityId)
        || (user.Role == Roles.Resident && input is { SourceChannel: CaseOptions.QrReportChannel, Level: CaseLevels.Compound });

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
            Roles.PropertySteward => user.CompoundIds.Contains(c.CompoundId) && c.Level == CaseLevels.Compound && StewardSteps.Contains(kind),
            Roles.Resident => c.SourceChannel == CaseOptions.QrReportChannel && ResidentSteps.Contains(kind),
            _ => false,
        };
    }

    /// <summary>The Chinese reason shown when <see cref="CanAct"/> says no.</summary>
    public static string RefusalMessage(ActingUser user, CaseRow c) => user.Role switch
    {
        Roles.Assessor or Roles.Viewer => "您的角色只能查看案件，不能修改。",
        Roles.Chair => "联席会议召集人只能处理镇级案件。",
        Roles.PropertySteward => "物业管家只能处理所管小区的小区级案件。",
        Roles.Resident => "只能确认您本人扫码上报的案件的办理结果。",
        Roles.CommunityStaff when user.CommunityId != c.CommunityId => "您只能处理本社区的案件。",
        Roles.CommunityStaff => "镇级案件的决定由联席会议作出，社区只能补充办理记录。",
        _ => "无权执行此操作。",
    };
}
