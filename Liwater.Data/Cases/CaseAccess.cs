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
        [CaseActionKind.Reply, CaseActionKind.FollowUp, CaseActionKind.Result, CaseActionKind.Consultation, CaseActionKind.Pairing, CaseActionKind.MotionResult, CaseActionKind.Photo];

    private static readonly HashSet<CaseActionKind> StewardSteps =
        [CaseActionKind.Reply, CaseActionKind.FollowUp, CaseActionKind.Result, CaseActionKind.Consultation, CaseActionKind.Pairing, CaseActionKind.Photo,
         CaseActionKind.Resolve, CaseActionKind.Escalate, CaseActionKind.MarkSpam, CaseActionKind.AssignPerson];

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

    /// <summary>Whether the role may act on any case at all (assessors and viewers may not): checked before input.</summary>
    public static bool CanActAny(ActingUser user) =>
        user.Role is Roles.TownOffice or Roles.CommunityStaff or Roles.Chair or Roles.PropertySteward or Roles.Resident;

    public static bool CanAct(ActingUser user, CaseRow c, CaseActionKind kind)
    {
        if (kind == CaseActionKind.AssignPerson)
        {
            // Naming the person who works a case belongs to whoever runs that level: the town office anywhere, community
            // staff below town level in their community, chairs at town level, stewards at compound level of their compounds.
            return user.Role switch
            {
                Roles.TownOffice => true,
                Roles.CommunityStaff => user.CommunityId == c.CommunityId && c.Level != CaseLevels.Town,
                Roles.Chair => c.Level == CaseLevels.Town,
                Roles.PropertySteward => user.CompoundIds.Contains(c.CompoundId) && c.Level == CaseLevels.Compound,
                _ => false,
            };
        }

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

    /// <summary>
    /// Why <paramref name="person"/> cannot be named as the one who works <paramref name="c"/>, or null when they can: an
    /// active account that may work the case by the same rule as everyone else (<see cref="CanAct"/> for a reply) —
    /// a steward of its compound at compound level, staff of its community, a chair at town level, the town office.
    /// </summary>
    public static DataError? AssigneeRefusal(CaseAssignee? person, CaseRow c)
    {
        if (person is null)
        {
            return new(CaseErrors.AssigneeMissing);
        }

        if (!person.IsActive)
        {
            return new(CaseErrors.AssigneeInactive, person.DisplayName);
        }

        if (CanAct(person.AsUser(), c, CaseActionKind.Reply))
        {
            return null;
        }

        return new(person.Role switch
        {
            Roles.CommunityStaff => CaseErrors.AssigneeOtherCommunity,
            Roles.PropertySteward when !person.AsUser().CompoundIds.Contains(c.CompoundId) => CaseErrors.AssigneeOtherCompound,
            Roles.PropertySteward => CaseErrors.AssigneeStewardLevel,
            Roles.Chair => CaseErrors.AssigneeChairTownOnly,
            _ => CaseErrors.AssigneeRole,
        }, person.DisplayName);
    }

    /// <summary>Why <see cref="CanAct"/> says no.</summary>
    public static DataError Refusal(ActingUser user, CaseRow c) => new(user.Role switch
    {
        Roles.Assessor or Roles.Viewer => CaseErrors.RefusedReadOnly,
        Roles.Chair => CaseErrors.RefusedChairTownOnly,
        Roles.PropertySteward => CaseErrors.RefusedStewardScope,
        Roles.Resident => CaseErrors.RefusedResidentScope,
        Roles.CommunityStaff when user.CommunityId != c.CommunityId => CaseErrors.RefusedOtherCommunity,
        Roles.CommunityStaff => CaseErrors.RefusedTownDecisions,
        _ => CaseErrors.RefusedGeneric,
    });
}
