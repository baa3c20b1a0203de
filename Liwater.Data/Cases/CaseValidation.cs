using System.Text.RegularExpressions;

namespace Liwater.Data.Cases;

/// <summary>
/// Input checks with a Chinese message per field. Text is stored exactly as typed — HTML included — and pages always
/// render it as text, so markup is harmless and nothing a resident said is silently altered.
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

    public static Dictionary<string, string> ValidateNew(NewCase input, CaseOptions options)
    {
        var errors = new Dictionary<string, string>();
        if (input.CompoundId is null)
        {
            errors[nameof(NewCase.CompoundId)] = "请选择小区。";
        }

        if (string.IsNullOrWhiteSpace(input.Category))
        {
            errors[nameof(NewCase.Category)] = "请选择诉求类别。";
        }
        else if (options.EffectiveCategories.All(c => c.Code != input.Category))
        {
            errors[nameof(NewCase.Category)] = "未知的诉求类别。";
        }

        Text(errors, nameof(NewCase.Title), input.Title, TitleMax, required: true, "标题");
        Text(errors, nameof(NewCase.Description), input.Description, DescriptionMax, required: true, "描述");
        if (string.IsNullOrWhiteSpace(input.SourceChannel))
        {
            errors[nameof(NewCase.SourceChannel)] = "请选择来源渠道。";
        }
        else if (options.EffectiveSourceChannels.All(c => c.Code != input.SourceChannel))
        {
            errors[nameof(NewCase.SourceChannel)] = "未知的来源渠道。";
        }

        Text(errors, nameof(NewCase.ReporterName), input.ReporterName, NameMax, required: false, "反映人姓名");
        if (!string.IsNullOrWhiteSpace(input.ReporterPhone))
        {
            if (input.ReporterPhone.Length > PhoneMax || !PhonePattern().IsMatch(input.ReporterPhone.Trim()))
            {
                errors[nameof(NewCase.ReporterPhone)] = "电话号码格式不正确（5–20 位数字，可含 +、- 和空格）。";
            }
        }

        if (input.Level is null || !CaseLevels.All.Contains(input.Level))
        {
            errors[nameof(NewCase.Level)] = "请选择层级（小区、社区或镇）。";
        }

        if (input.AssignedUnitKind is not null && !UnitKinds.All.Contains(input.AssignedUnitKind))
        {
            errors[nameof(NewCase.AssignedUnitKind)] = "未知的承办单位类型。";
        }

        Text(errors, nameof(NewCase.AssignedUnitName), input.AssignedUnitName, UnitMax, required: false, "承办单位名称");
        return errors;
    }

    public static Dictionary<string, string> ValidateAction(CaseAction action, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        switch (action.Kind)
        {
            case CaseActionKind.Reply or CaseActionKind.FollowUp or CaseActionKind.Result or CaseActionKind.Resolve:
                Text(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: true, "内容");
                break;
            case CaseActionKind.Escalate:
                Text(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: true, "上报理由");
                break;
            case CaseActionKind.Return:
                Text(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: true, "下派理由");
                break;
            case CaseActionKind.Consultation:
                if (action.HeldOn is null)
                {
                    errors[nameof(CaseAction.HeldOn)] = "请填写协商日期。";
                }
                else if (action.HeldOn > today)
                {
                    errors[nameof(CaseAction.HeldOn)] = "协商日期不能晚于今天。";
                }

                Text(errors, nameof(CaseAction.Participants), action.Participants, ParticipantsMax, required: true, "参加人员");
                Text(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: true, "协商结果");
                break;
            case CaseActionKind.Assign:
                Text(errors, nameof(CaseAction.UnitName), action.UnitName, UnitMax, required: true, "承办部门或单位");
                if (action.DueOn is null)
                {
                    errors[nameof(CaseAction.DueOn)] = "请填写办结期限。";
                }
                else if (action.DueOn < today)
                {
                    errors[nameof(CaseAction.DueOn)] = "办结期限不能早于今天。";
                }

                Text(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: false, "交办要求");
                break;
            case CaseActionKind.Pairing:
                Text(errors, nameof(CaseAction.UnitName), action.UnitName, UnitMax, required: true, "结对单位");
                Text(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: false, "说明");
                break;
            default:
                Text(errors, nameof(CaseAction.Body), action.Body, BodyMax, required: false, "说明");
                break;
        }

        return errors;
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

    private static void Text(Dictionary<string, string> errors, string field, string? value, int max, bool required, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = $"请填写{label}。";
            }
        }
        else if (value.Length > max)
        {
            errors[field] = $"{label}不能超过 {max} 个字（现有 {value.Length} 个）。";
        }
    }

    [GeneratedRegex(@"^[0-9+\- ]{5,20}$")]
    private static partial Regex PhonePattern();
}
