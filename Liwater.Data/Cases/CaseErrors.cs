namespace Liwater.Data.Cases;

/// <summary>
/// The codes of everything the case path can refuse or reject: input checks (<see cref="CaseValidation"/>, shared by
/// the case pages, the meeting and every future channel), rights (<see cref="CaseAccess"/>), the life cycle
/// (<see cref="CaseStateMachine"/>) and concurrency. Worded by the UI (Resources/Localization/DataErrorText.tsv).
/// </summary>
[ErrorCodes]
public static class CaseErrors
{
    public const string InvalidInput = "case.invalid_input";
    public const string NotFound = "case.not_found";

    /// <summary>Someone else changed the case first. Args: the case's current version.</summary>
    public const string Conflict = "case.conflict";

    public const string CompoundMissing = "case.compound_missing";
    public const string BuildingMissing = "case.building_missing";
    public const string BuildingNotInCompound = "case.building_not_in_compound";

    public const string RefusedCreateOtherCommunity = "case.refused.create_other_community";
    public const string RefusedCreateRole = "case.refused.create_role";
    public const string RefusedReadOnly = "case.refused.read_only";
    public const string RefusedChairTownOnly = "case.refused.chair_town_only";
    public const string RefusedOtherCommunity = "case.refused.other_community";
    public const string RefusedTownDecisions = "case.refused.town_decisions";
    public const string RefusedGeneric = "case.refused.generic";
    public const string RefusedStewardScope = "case.refused.steward_scope";
    public const string RefusedResidentScope = "case.refused.resident_scope";

    /// <summary>The person chosen as assignee has no account (or it was removed).</summary>
    public const string AssigneeMissing = "case.assignee.missing";

    /// <summary>Args: the person's name.</summary>
    public const string AssigneeInactive = "case.assignee.inactive";

    /// <summary>Community staff of another community. Args: the person's name.</summary>
    public const string AssigneeOtherCommunity = "case.assignee.other_community";

    /// <summary>A steward not linked to the case's compound. Args: the person's name.</summary>
    public const string AssigneeOtherCompound = "case.assignee.other_compound";

    /// <summary>A steward of the compound, but the case is above compound level. Args: the person's name.</summary>
    public const string AssigneeStewardLevel = "case.assignee.steward_level";

    /// <summary>A chair, but the case is below town level. Args: the person's name.</summary>
    public const string AssigneeChairTownOnly = "case.assignee.chair_town_only";

    /// <summary>A role that does not work cases (assessor, viewer). Args: the person's name.</summary>
    public const string AssigneeRole = "case.assignee.role";

    public const string StateAtTop = "case.state.at_top";
    public const string StateAtBottom = "case.state.at_bottom";
    public const string StateAssignTownOnly = "case.state.assign_town_only";
    public const string StateClosed = "case.state.closed";
    public const string StateCancelled = "case.state.cancelled";
    public const string StateSpam = "case.state.spam";
    public const string StateResolved = "case.state.resolved";
    public const string StateNotResolved = "case.state.not_resolved";

    /// <summary>An action only the system or another body records (a council result) was sent from a form.</summary>
    public const string SystemOnly = "case.system_only";

    /// <summary>A date after the town's today. Args: the field's label.</summary>
    public const string DateAfterToday = "field.date_after_today";

    /// <summary>A date before the town's today. Args: the field's label.</summary>
    public const string DateBeforeToday = "field.date_before_today";

    public const string ChooseCompound = "field.choose_compound";
    public const string ChooseCategory = "field.choose_category";
    public const string UnknownCategory = "field.unknown_category";
    public const string ChooseChannel = "field.choose_channel";
    public const string UnknownChannel = "field.unknown_channel";
    public const string PhoneFormat = "field.phone_format";
    public const string ChooseLevel = "field.choose_level";
    public const string UnknownUnitKind = "field.unknown_unit_kind";

    /// <summary>The reason of an automatic escalation. Args: days overdue, the rule's level (a <c>level.*</c> word), the rule's days.</summary>
    public const string AutoEscalationReason = "case.reason.auto_escalation";

    /// <summary>A council's vote on a motion raised from the case. Args: council, motion title, result word, for, against, abstain, active representatives.</summary>
    public const string MotionResultReason = "case.reason.motion_result";
}

/// <summary>The words used as arguments of <see cref="CaseErrors"/> codes: field labels and level names.</summary>
[ErrorCodes]
public static class CaseWords
{
    public const string Title = "label.title";
    public const string Description = "label.description";
    public const string ReporterName = "label.reporter_name";
    public const string AssignedUnitName = "label.assigned_unit_name";
    public const string Body = "label.body";
    public const string EscalateReason = "label.escalate_reason";
    public const string ReturnReason = "label.return_reason";
    public const string Participants = "label.participants";
    public const string ConsultationResult = "label.consultation_result";
    public const string ConsultationDate = "label.consultation_date";
    public const string Assignee = "label.assignee";
    public const string AssignRequirements = "label.assign_requirements";
    public const string DueOn = "label.due_on";
    public const string PairedUnit = "label.paired_unit";
    public const string Note = "label.note";
    public const string LevelCompound = "level.compound";
    public const string LevelCommunity = "level.community";
    public const string LevelTown = "level.town";

    public static DataError Level(string level) => new("level." + level);
}
