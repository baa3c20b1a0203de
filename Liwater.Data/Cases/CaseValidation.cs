using System.Text.RegularExpressions;

namespace Liwater.Data.Cases;

/// <summary>
/// The one input-check module for cases and everything that writes onto them (case pages and endpoints, the joint
/// meeting's decisions, council results, the watchdog, channels to come): each failure is a <see cref="DataError"/>
/// per field, worded by the UI. Every text field follows <see cref="TextRules"/> (trimmed, counted in characters as a
/// person sees them, stored as typed otherwise).
/// "Today" is always the town's day (<see cref="Database.TownClock.Today"/>), passed in by the caller.
/// </summary>
public static partial class CaseValidation
{
    public const int TitleMax = 100;
    public const int DescriptionMax = 2000;
    public const int NameMax = 50;
    public const int PhoneMax = 20;
    public const int UnitMax = 100;
    public const int BodyMax = 2000;
    public const int ParticipantsMax = 500;

    public static Dictionary<string, DataError> ValidateNew(NewCase input, CaseOptions options)
    {
        var errors = new Dictionary<string, DataError>();
        if (input.CompoundId is null)
        {
            errors[nameof(NewCase.CompoundId)] = new(CaseErrors.ChooseCompound);
        }

        if (string.IsNullOrWhiteSpace(input.Category))
        {
            errors[nameof(NewCase.Category)] = new(CaseErrors.ChooseCategory);
        }
        else if (options.EffectiveCategories.All(c => c.Code != input.Category))
        {
            errors[nameof(NewCase.Category)] = new(CaseErrors.UnknownCategory);
        }

        TextRules.Check(errors, nameof(NewCase.Title), input.Title, TitleMax, required: true, CaseWords.Title);
        TextRules.Check(errors, nameof(NewCase.Description), input.Description, DescriptionMax, required: true, CaseWords.Description);
        if (string.IsNullOrWhiteSpace(input.SourceChannel))
        {
            errors[nameof(NewCase.SourceChannel)] = new(CaseErrors.ChooseChannel);
        }
        else if (options.EffectiveSourceChannels.All(c => c.Code != input.SourceChannel))
        {
            errors[nameof(NewCase.SourceChannel)] = new(CaseErrors.UnknownChannel);
        }

        TextRules.Check(errors, nameof(NewCase.ReporterName), input.ReporterName, NameMax, required: false, CaseWords.ReporterName);
        if (!string.IsNullOrWhiteSpace(input.ReporterPhone) && (input.ReporterPhone.Length > PhoneMax || !PhonePattern().IsMatch(input.ReporterPhone.Trim())))
        {
            errors[nameof(NewCase.ReporterPhone)] = new(CaseErrors.PhoneFormat);
        }

        if (input.Level is null || !CaseLevels.All.Contains(input.Level))
        {
            errors[nameof(NewCase.Level)] = new(CaseErrors.ChooseLevel);
        }

        if (input.AssignedUnitKind is not null && !UnitKinds.All.Contains(input.AssignedUnitKind))
        {
            errors[nameof(NewCase.AssignedUnitKind)] = new(CaseErrors.UnknownUnitKind);
        }

        TextRules.Check(errors, nameof(NewCase.AssignedUnitName), input.AssignedUnitName, UnitMax, required: false, CaseWords.AssignedUnitName);
        return errors;
    }

    /// <summary>
    /// Checks one action's inputs. <paramref name="bodyLabel"/> names the text field where a caller shows it under
    /// another label (the meeting's "办结说明" for a resolve); the rule is the same.
    /// </summary>
    public static Dictionary<string, DataError> ValidateAction(CaseAction action, DateOnly today, string? bodyLabel = null)
    {
        var errors = new Dictionary<string, DataError>();
        // A coded reason (the system's own escalation, a council's result) stands in for typed text.
        var reasonGiven = action.Reason is not null;
        switch (action.Kind)
        {
            case CaseActionKind.Reply or CaseActionKind.FollowUp or CaseActionKind.Result or CaseActionKind.Resolve:
                TextRules.Check(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: !reasonGiven, bodyLabel ?? CaseWords.Body);
                break;
            case CaseActionKind.Escalate:
                TextRules.Check(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: !reasonGiven, bodyLabel ?? CaseWords.EscalateReason);
                break;
            case CaseActionKind.Return:
                TextRules.Check(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: !reasonGiven, bodyLabel ?? CaseWords.ReturnReason);
                break;
            case CaseActionKind.Consultation:
                NotAfterToday(errors, nameof(CaseAction.HeldOn), action.HeldOn, today, CaseWords.ConsultationDate);
                TextRules.Check(errors, nameof(CaseAction.Participants), action.Participants, ParticipantsMax, required: true, CaseWords.Participants);
                TextRules.Check(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: true, bodyLabel ?? CaseWords.ConsultationResult);
                break;
            case CaseActionKind.Assign:
                TextRules.Check(errors, nameof(CaseAction.UnitName), action.UnitName, UnitMax, required: true, CaseWords.Assignee);
                NotBeforeToday(errors, nameof(CaseAction.DueOn), action.DueOn, today, CaseWords.DueOn);
                TextRules.Check(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: false, bodyLabel ?? CaseWords.AssignRequirements);
                break;
            case CaseActionKind.Pairing:
                TextRules.Check(errors, nameof(CaseAction.UnitName), action.UnitName, UnitMax, required: true, CaseWords.PairedUnit);
                TextRules.Check(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: false, bodyLabel ?? CaseWords.Note);
                break;
            case CaseActionKind.MotionResult when !reasonGiven:
                errors[nameof(CaseAction.Kind)] = new(CaseErrors.SystemOnly);
                break;
            default:
                TextRules.Check(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: false, bodyLabel ?? CaseWords.Note);
                break;
        }

        return errors;
    }

    /// <summary>A required date that must not be after the town's today (something that happened).</summary>
    public static void NotAfterToday(Dictionary<string, DataError> errors, string field, DateOnly? value, DateOnly today, string label, string? futureCode = null)
    {
        if (value is null)
        {
            errors[field] = new(TextErrors.Required, new DataError(label));
        }
        else if (value > today)
        {
            errors[field] = futureCode is null ? new(CaseErrors.DateAfterToday, new DataError(label)) : new(futureCode);
        }
    }

    /// <summary>A required date that must not be before the town's today (a deadline).</summary>
    public static void NotBeforeToday(Dictionary<string, DataError> errors, string field, DateOnly? value, DateOnly today, string label)
    {
        if (value is null)
        {
            errors[field] = new(TextErrors.Required, new DataError(label));
        }
        else if (value < today)
        {
            errors[field] = new(CaseErrors.DateBeforeToday, new DataError(label));
        }
    }

    /// <summary>Shows a phone as 138****5678: enough to recognise, not enough to call.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var p = phone.Trim();
        return p.Length <= 7 ? new string('*', p.Length - 2) + p[^2..] : p[..3] + "****" + p[^4..];
    }

    [GeneratedRegex(@"^[0-9+\- ]{5,20}$")]
    private static partial Regex PhonePattern();
}
