using Liwater.Dashboard.Localization;
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
    private IReadOnlyDictionary<string, DataError> errors = new Dictionary<string, DataError>();
    private string? message;
    private bool busy;

    // The case version the chair decided on: fixed when the decision kind is chosen, so the live agenda refresh
    // cannot slip a newer version under the form (a newer version is refused as a conflict instead).
    private long? formCaseVersion;

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

    [Inject] public required IStringLocalizer<DataErrorText> E { get; init; }

    [Inject] public required IStringLocalizer<Cases.CasesText> CaseT { get; init; }

    /// <summary>Gets the town's today as the date pickers want it (never the server's or the browser's day).</summary>
    private DateTime Today => Clock.Today.ToDateTime(TimeOnly.MinValue);

    private DecisionKind[] Kinds => Item.Case is null ? OwnItemKinds : CaseKinds;

    private string? Err(string field) => errors.TryGetValue(field, out var e) ? E.Text(e) : null;

    private void Choose(DecisionKind choice)
    {
        kind = choice;
        formCaseVersion ??= Item.Case?.Version;
        errors = new Dictionary<string, DataError>();
        message = null;
    }

    private async Task SubmitAsync()
    {
        var decision = new MeetingDecision
        {
            CaseId = Item.Case?.Id,
            ExpectedCaseVersion = formCaseVersion ?? Item.Case?.Version ?? 0,
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
            message = result.Succeeded || result.Error is not { } e ? null : E.Text(e);
            if (result.CurrentCase is { } current)
            {
                message += " " + Cases.CaseDisplay.Now(CaseT, current);
            }
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
