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

    public static Dictionary<string, DataError> ValidateOpen(NewMeeting input, DateOnly today)
    {
        var errors = new Dictionary<string, DataError>();
        CaseValidation.NotAfterToday(errors, nameof(NewMeeting.HeldOn), input.HeldOn, today, MeetingWords.HeldOn, MeetingErrors.HeldOnFuture);
        TextRules.Check(errors, nameof(NewMeeting.Chair), input.Chair, NameMax, required: true, MeetingWords.Chair);
        TextRules.Check(errors, nameof(NewMeeting.Attendees), input.Attendees, AttendeesMax, required: true, MeetingWords.Attendees);
        return errors;
    }

    /// <summary>An item the chair adds: a title, checked by the same text rule as every case field.</summary>
    public static Dictionary<string, DataError> ValidateItem(string? title)
    {
        var errors = new Dictionary<string, DataError>();
        TextRules.Check(errors, "Title", title, TitleMax, required: true, MeetingWords.AgendaTitle);
        return errors;
    }

    /// <summary>
    /// Checks a decision's inputs; <paramref name="forCase"/> says whether the item is a case (return and resolve need
    /// one). A decision on a case is checked as the case action it becomes (<see cref="CaseValidation.ValidateAction"/>),
    /// so the meeting and the case page can never disagree on what is valid; only the field names and labels differ.
    /// </summary>
    public static Dictionary<string, DataError> ValidateDecision(MeetingDecision decision, bool forCase, DateOnly today)
    {
        var errors = new Dictionary<string, DataError>();
        switch (decision.Kind)
        {
            case null:
                errors[nameof(MeetingDecision.Kind)] = new(MeetingErrors.ChooseKind);
                break;
            case DecisionKind.Assign or DecisionKind.Return or DecisionKind.Resolve when forCase || decision.Kind == DecisionKind.Assign:
                var label = decision.Kind switch
                {
                    DecisionKind.Return => MeetingWords.ReturnRequirements,
                    DecisionKind.Resolve => MeetingWords.ResolveNote,
                    _ => null,
                };
                foreach (var (field, error) in CaseValidation.ValidateAction(ToCaseAction(decision), today, label))
                {
                    errors[field switch
                    {
                        nameof(CaseAction.UnitName) => nameof(MeetingDecision.Assignee),
                        nameof(CaseAction.Body) => nameof(MeetingDecision.Text),
                        _ => field,
                    }] = error;
                }

                break;
            case DecisionKind.Note when !forCase:
                TextRules.Check(errors, nameof(MeetingDecision.Text), decision.Text, TextMax, required: true, MeetingWords.Decision);
                break;
            default:
                errors[nameof(MeetingDecision.Kind)] = new(forCase ? MeetingErrors.CaseKinds : MeetingErrors.ItemKinds);
                break;
        }

        return errors;
    }

    /// <summary>The case action a decision writes onto the case's timeline.</summary>
    public static CaseAction ToCaseAction(MeetingDecision decision) => decision.Kind switch
    {
        DecisionKind.Assign => new CaseAction { Kind = CaseActionKind.Assign, UnitName = decision.Assignee?.Trim(), DueOn = decision.DueOn, Body = decision.Text },
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
}
