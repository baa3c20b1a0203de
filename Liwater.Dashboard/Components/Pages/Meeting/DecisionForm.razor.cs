using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Meeting;

public sealed partial class DecisionForm
{
    private static readonly DecisionKind[] CaseKinds = [DecisionKind.Assign, DecisionKind.Return, DecisionKind.Resolve];
    private static readonly DecisionKind[] OwnItemKinds = [DecisionKind.Assign, DecisionKind.Note];

    private DecisionKind? kind;
    private string? assignee;
    private DateTime? dueOn;
    private string? text;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? message;
    private bool busy;

    /// <summary>Gets or sets the meeting in session.</summary>
    [Parameter, EditorRequired]
    public required long MeetingId { get; set; }

    /// <summary>Gets or sets the agenda item decided; a case item sends the case's version as last read.</summary>
    [Parameter, EditorRequired]
    public required AgendaItem Item { get; set; }

    /// <summary>Gets or sets the signed-in chair.</summary>
    [Parameter, EditorRequired]
    public required ActingUser Actor { get; set; }

    /// <summary>Gets or sets what to call once the decision is stored.</summary>
    [Parameter]
    public EventCallback Saved { get; set; }

    [Inject] public required MeetingCommands Commands { get; init; }

    [Inject] public required TownClock Clock { get; init; }

    [Inject] public required IStringLocalizer<MeetingText> T { get; init; }

    private DecisionKind[] Kinds => Item.Case is null ? OwnItemKinds : CaseKinds;

    private string? Err(string field) => errors.GetValueOrDefault(field);

    private void Choose(DecisionKind choice)
    {
        kind = choice;
        errors = new Dictionary<string, string>();
        message = null;
    }

    private async Task SubmitAsync()
    {
        var decision = new MeetingDecision
        {
            CaseId = Item.Case?.Id,
            ExpectedCaseVersion = Item.Case?.Version ?? 0,
            ItemId = Item.Case is null ? Item.Item?.Id : null,
            Kind = kind,
            Assignee = assignee,
            DueOn = dueOn is { } d ? DateOnly.FromDateTime(d) : null,
            Text = text,
        };
        message = null;
        errors = MeetingRules.ValidateDecision(decision, Item.Case is not null, Clock.Today);
        if (errors.Count > 0)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Commands.DecideAsync(Actor, MeetingId, decision);
            errors = result.Errors;
            message = result.Succeeded ? null : result.Message;
            if (result.Succeeded)
            {
                await Saved.InvokeAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }
}
