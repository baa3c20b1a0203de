using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Cases;

public sealed partial class CaseActionPanel
{
    private List<CaseActionKind> allowed = [];
    private CaseActionKind? selected;
    private string? body;
    private string? participants;
    private string? unitName;
    private DateTime? heldOn;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? message;
    private Severity severity = Severity.Info;
    private long? conflictVersion;
    private long shownVersion;
    private bool busy;

    /// <summary>Gets or sets the case as last read; its version is the one a save expects.</summary>
    [Parameter, EditorRequired]
    public required CaseRow Case { get; set; }

    /// <summary>Gets or sets the signed-in user.</summary>
    [Parameter, EditorRequired]
    public required ActingUser Actor { get; set; }

    /// <summary>Gets or sets what to call after a save (or to reload after a conflict).</summary>
    [Parameter]
    public EventCallback Saved { get; set; }

    [Inject]
    public required CaseCommands Commands { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required IStringLocalizer<CasesText> T { get; init; }

    protected override void OnParametersSet()
    {
        // Assignment is decided at the joint meeting (/meeting), which records its deadline with the decision.
        // Photos are added with the photo button of the case page (they need files, not a text form).
        allowed = CaseStateMachine.Allowed(Case).Where(k => k is not (CaseActionKind.Assign or CaseActionKind.Photo) && CaseAccess.CanAct(Actor, Case, k)).ToList();
        if (selected is { } s && !allowed.Contains(s))
        {
            selected = null;
        }

        if (Case.Version != shownVersion && conflictVersion is not null && Case.Version >= conflictVersion)
        {
            // Reloaded after a conflict: the newer case is now on screen; the typed text stays for a retry.
            conflictVersion = null;
            message = null;
        }

        shownVersion = Case.Version;
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? Err(string field) => errors.GetValueOrDefault(field);

    private string BodyLabel(CaseActionKind kind) => kind switch
    {
        CaseActionKind.Escalate or CaseActionKind.Return => T["Reason"],
        CaseActionKind.Consultation => T["Outcome"],
        _ => T["Body"],
    };

    private void Select(CaseActionKind kind)
    {
        selected = kind;
        errors = new Dictionary<string, string>();
        message = null;
    }

    private async Task SubmitAsync()
    {
        if (selected is not { } kind)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Commands.ApplyAsync(Actor, Case.Id, Case.Version, new CaseAction
            {
                Kind = kind,
                Body = body,
                Participants = participants,
                UnitName = unitName,
                HeldOn = heldOn is { } d ? DateOnly.FromDateTime(d) : null,
            });
            errors = result.Errors;
            conflictVersion = result.Outcome == CaseOutcome.Conflict ? result.Version : null;
            (severity, message) = result.Outcome switch
            {
                CaseOutcome.Ok => (Severity.Success, (string?)T["Saved"]),
                CaseOutcome.Conflict => (Severity.Warning, result.Message),
                _ => (Severity.Error, result.Message),
            };
            if (result.Succeeded)
            {
                (selected, body, participants, unitName, heldOn) = (null, null, null, null, null);
                await Saved.InvokeAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }
}
