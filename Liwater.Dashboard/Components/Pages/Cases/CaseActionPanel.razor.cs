using Liwater.Dashboard.Localization;
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
    private long personId;
    private IReadOnlyList<CaseAssignee> people = [];
    private IReadOnlyDictionary<string, DataError> errors = new Dictionary<string, DataError>();
    private string? message;
    private string? changed;
    private Severity severity = Severity.Info;
    private long? conflictVersion;
    private bool busy;

    // The case as it was when the user opened the form: a save expects this version, whatever the live refresh has
    // brought since, so a choice made on version 1 can never be saved onto version 2.
    private CaseRow? formCase;

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
    public required CaseQueries Queries { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required IStringLocalizer<CasesText> T { get; init; }

    [Inject]
    public required IStringLocalizer<DataErrorText> E { get; init; }

    /// <summary>Gets the role names (one home: the accounts' texts).</summary>
    [Inject]
    public required IStringLocalizer<Liwater.Dashboard.Auth.AuthText> R { get; init; }

    /// <summary>Gets whether the case changed under the open form (the form still expects the version it was opened on).</summary>
    private bool Stale => selected is not null && formCase is { } f && f.Version != Case.Version;

    protected override void OnParametersSet()
    {
        // Assignment is decided at the joint meeting (/meeting), which records its deadline with the decision.
        // Photos are added with the photo button of the case page (they need files, not a text form).
        allowed = CaseStateMachine.Allowed(Case).Where(k => k is not (CaseActionKind.Assign or CaseActionKind.Photo) && CaseAccess.CanAct(Actor, Case, k)).ToList();
        if (Stale && conflictVersion is null)
        {
            // Someone else changed the case while this form was open: say what changed; the form keeps its version,
            // so submitting it is refused as a conflict until the user takes the new version on purpose.
            (severity, message) = (Severity.Warning, string.Format(System.Globalization.CultureInfo.CurrentCulture, T["ChangedUnderForm"], formCase!.Version, Case.Version));
            changed = CaseDisplay.Now(T, Case);
        }
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? Err(string field) => errors.TryGetValue(field, out var e) ? E.Text(e) : null;

    /// <summary>Takes the case now on screen as the form's version, keeping what was typed (after a conflict or a live change).</summary>
    private async Task TakeCurrentAsync()
    {
        await Saved.InvokeAsync();
        formCase = Case;
        conflictVersion = null;
        (message, changed) = (null, null);
        if (selected is { } s && !allowed.Contains(s))
        {
            selected = null;
        }
    }

    private string BodyLabel(CaseActionKind kind) => kind switch
    {
        CaseActionKind.Escalate or CaseActionKind.Return => T["Reason"],
        CaseActionKind.Consultation => T["Outcome"],
        _ => T["Body"],
    };

    private async Task Select(CaseActionKind kind)
    {
        selected = kind;
        formCase = Case;
        errors = new Dictionary<string, DataError>();
        (message, changed, conflictVersion) = (null, null, null);
        if (kind == CaseActionKind.Consultation && heldOn is null)
        {
            // The town's today, not the server's or the browser's: before 08:00 UTC they are still yesterday.
            heldOn = Clock.Today.ToDateTime(TimeOnly.MinValue);
        }

        if (kind == CaseActionKind.AssignPerson)
        {
            people = await Queries.ListAssigneesAsync(Actor, Case);
            personId = Case.AssigneeId ?? (people.Any(p => p.Id == Actor.Id) ? Actor.Id : 0);
        }
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
            var result = await Commands.ApplyAsync(Actor, Case.Id, (formCase ?? Case).Version, new CaseAction
            {
                Kind = kind,
                Body = body,
                Participants = participants,
                UnitName = unitName,
                PersonId = kind == CaseActionKind.AssignPerson && personId != 0 ? personId : null,
                HeldOn = heldOn is { } d ? DateOnly.FromDateTime(d) : null,
            });
            errors = result.Errors;
            conflictVersion = result.Outcome == CaseOutcome.Conflict ? result.Version : null;
            (severity, message) = result.Outcome switch
            {
                CaseOutcome.Ok => (Severity.Success, (string?)T["Saved"]),
                CaseOutcome.Conflict => (Severity.Warning, E.Text(result.Error!)),
                _ => (Severity.Error, result.Error is { } e ? E.Text(e) : null),
            };
            changed = result.Current is { } now ? CaseDisplay.Now(T, now, result.LatestEvent, Clock, E) : null;
            if (result.Succeeded)
            {
                (selected, body, participants, unitName, heldOn, formCase) = (null, null, null, null, null, null);
                await Saved.InvokeAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }
}
