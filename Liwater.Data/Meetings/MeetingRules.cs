using Liwater.Data.Cases;

namespace Liwater.Data.Meetings;

/// <summary>
/// The joint meeting's rules as pure code: who may run it, what a valid meeting and decision look like, and how the
/// agenda is rebuilt on every read from the stored items and the town-level cases active now.
/// </summary>
public static class MeetingRules
{
    public const int NameMax = 50;
    public const int AttendeesMax = 500;
    public const int TitleMax = CaseValidation.TitleMax;
    public const int AssigneeMax = CaseValidation.UnitMax;
    public const int TextMax = CaseValidation.BodyMax;

    /// <summary>Chairs and the town office run the meeting; every other signed-in role reads it.</summary>
    public static bool CanChair(ActingUser user) => user.Role is Roles.Chair or Roles.TownOffice;

    public const string NotChairMessage = "只有联席会议召集人或城治办可以主持会议、记录决定。";

    public static Dictionary<string, string> ValidateOpen(NewMeeting input, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        if (input.HeldOn is null)
        {
            errors[nameof(NewMeeting.HeldOn)] = "请填写会议日期。";
        }
        else if (input.HeldOn > today)
        {
            errors[nameof(NewMeeting.HeldOn)] = "会议日期不能晚于今天（开会即开始议事）。";
        }

        Text(errors, nameof(NewMeeting.Chair), input.Chair, NameMax, required: true, "主持人");
        Text(errors, nameof(NewMeeting.Attendees), input.Attendees, AttendeesMax, required: true, "参会人员");
        return errors;
    }

    /// <summary>Checks a decision's inputs; <paramref name="forCase"/> says whether the item is a case (return and resolve need one).</summary>
    public static Dictionary<string, string> ValidateDecision(MeetingDecision decision, bool forCase, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        switch (decision.Kind)
        {
            case null:
                errors[nameof(MeetingDecision.Kind)] = "请选择决定类型。";
                break;
            case DecisionKind.Assign:
                Text(errors, nameof(MeetingDecision.Assignee), decision.Assignee, AssigneeMax, required: true, "承办部门或单位");
                if (decision.DueOn is null)
                {
                    errors[nameof(MeetingDecision.DueOn)] = "请填写办结期限。";
                }
                else if (decision.DueOn < today)
                {
                    errors[nameof(MeetingDecision.DueOn)] = "办结期限不能早于今天。";
                }

                Text(errors, nameof(MeetingDecision.Text), decision.Text, TextMax, required: false, "交办要求");
                break;
            case DecisionKind.Return when forCase:
                Text(errors, nameof(MeetingDecision.Text), decision.Text, TextMax, required: true, "退回社区的办理要求");
                break;
            case DecisionKind.Resolve when forCase:
                Text(errors, nameof(MeetingDecision.Text), decision.Text, TextMax, required: true, "办结说明");
                break;
            case DecisionKind.Note when !forCase:
                Text(errors, nameof(MeetingDecision.Text), decision.Text, TextMax, required: true, "会议决定");
                break;
            default:
                errors[nameof(MeetingDecision.Kind)] = forCase
                    ? "案件议题只能交办、退回社区或办结。"
                    : "会议自行添加的议题没有案件，只能交办或记录决定。";
                break;
        }

        return errors;
    }

    /// <summary>The case action a decision writes onto the case's timeline.</summary>
    public static CaseAction ToCaseAction(MeetingDecision decision) => decision.Kind switch
    {
        DecisionKind.Assign => new CaseAction { Kind = CaseActionKind.Assign, UnitName = decision.Assignee!.Trim(), DueOn = decision.DueOn, Body = decision.Text },
        DecisionKind.Return => new CaseAction { Kind = CaseActionKind.Return, Body = decision.Text },
        DecisionKind.Resolve => new CaseAction { Kind = CaseActionKind.Resolve, Body = decision.Text },
        _ => throw new ArgumentException("Only assign, return and resolve act on a case.", nameof(decision)),
    };

    public static string Code(DecisionKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// The agenda: every stored item (decided cases stay even after they left town level; the chair's own items),
    /// plus, while the meeting is in session, every town-level active case not stored yet. A closed meeting shows its
    /// stored items only, which the close wrote for every case still on the agenda.
    /// </summary>
    public static IReadOnlyList<AgendaItem> BuildAgenda(MeetingRow meeting, IEnumerable<MeetingItemRow> stored, IEnumerable<CaseRow> cases)
    {
        var caseById = cases.ToDictionary(c => c.Id);
        var items = stored.ToList();
        var storedCases = items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToHashSet();
        var agenda = items.Select(i => new AgendaItem(i, i.CaseId is { } id ? caseById.GetValueOrDefault(id) : null)).ToList();
        if (meeting.InSession)
        {
            agenda.AddRange(caseById.Values
                .Where(c => !storedCases.Contains(c.Id) && c.Level == CaseLevels.Town && CaseStatuses.IsActive(c.Status))
                .Select(c => new AgendaItem(null, c)));
        }

        return [.. agenda
            .OrderBy(a => a.Item?.CaseId is null && a.Case is null ? 1 : 0)
            .ThenBy(a => a.Case?.Id ?? a.Item?.CaseId ?? 0)
            .ThenBy(a => a.Item?.SortOrder ?? 0)
            .ThenBy(a => a.Item?.Id ?? 0)];
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
        else if (value.Trim().Length > max)
        {
            errors[field] = $"{label}不能超过 {max} 个字（现有 {value.Trim().Length} 个）。";
        }
    }
}
