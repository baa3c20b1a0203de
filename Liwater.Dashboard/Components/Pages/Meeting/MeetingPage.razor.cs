using System.Globalization;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Localization;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Meeting;

/// <summary>
/// The joint meeting in the room: open it, walk the agenda (rebuilt from town-level cases on every read), decide each
/// item, close it. Every participant's page re-reads on meeting and case changes from the live feed.
/// </summary>
public sealed partial class MeetingPage : LiveComponentBase
{
    private static readonly HashSet<string> LiveKinds = [ChangeKinds.MeetingChanged, .. ChangeKinds.CaseChanges];

    private ActingUser actor = new();
    private MeetingAgenda? agenda;
    private IReadOnlyList<MeetingRow> recent = [];
    private string? selectedKey;
    private CaseDetail? selectedCase;
    private bool caseRefused;
    private DateTime? heldOn;
    private string? chair;
    private string? attendees;
    private string? newItem;
    private IReadOnlyDictionary<string, DataError> errors = new Dictionary<string, DataError>();
    private string? message;
    private Severity severity = Severity.Info;
    private bool busy;

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required MeetingQueries Queries { get; init; }

    [Inject] public required MeetingCommands Commands { get; init; }

    [Inject] public required CaseQueries Cases { get; init; }

    [Inject] public required DeadlinePolicy Deadlines { get; init; }

    [Inject] public required TownClock Clock { get; init; }

    [Inject] public required IStringLocalizer<MeetingText> T { get; init; }

    [Inject] public required IStringLocalizer<Cases.CasesText> CaseT { get; init; }

    [Inject] public required IStringLocalizer<DataErrorText> E { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    private bool CanChair => MeetingRules.CanChair(actor);

    private AgendaItem? Selected => agenda?.Items.FirstOrDefault(i => i.Key == selectedKey);

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthenticationState).User.ToActingUser();
        heldOn = Clock.Today.ToDateTime(TimeOnly.MinValue);
        chair = actor.DisplayName;
        // The feed coalesces bursts; a decision is one meeting change plus one case change, read once.
        Live(new LiveFilter(LiveKinds), ReloadAsync);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var sitting = await Queries.GetInSessionAsync();
        agenda = sitting is null ? null : await Queries.GetAgendaAsync(actor, sitting.Id);
        recent = await Queries.ListRecentAsync(10);
        if (agenda is not null && Selected is null)
        {
            selectedKey = agenda.Items.FirstOrDefault(i => !i.IsDecided)?.Key ?? (agenda.Items.Count > 0 ? agenda.Items[0].Key : null);
        }

        await LoadSelectedCaseAsync();
    }

    private async Task SelectAsync(string key)
    {
        selectedKey = key;
        message = null;
        await LoadSelectedCaseAsync();
    }

    private async Task LoadSelectedCaseAsync()
    {
        (selectedCase, caseRefused) = (null, false);
        if (Selected?.Case is { } c)
        {
            var (detail, outcome) = await Cases.GetAsync(actor, c.Id);
            (selectedCase, caseRefused) = (detail, outcome == CaseOutcome.Refused);
        }
    }

    private async Task OpenAsync()
    {
        await RunAsync(() => Commands.OpenAsync(actor, new NewMeeting
        {
            HeldOn = heldOn is { } d ? DateOnly.FromDateTime(d) : null,
            Chair = chair,
            Attendees = attendees,
        }));
    }

    private async Task AddItemAsync()
    {
        if (agenda is null)
        {
            return;
        }

        if (await RunAsync(() => Commands.AddItemAsync(actor, agenda.Meeting.Id, newItem)))
        {
            newItem = null;
        }
    }

    private async Task CloseAsync()
    {
        if (agenda is null)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(T["Close"], T["CloseConfirm"], yesText: T["Close"], cancelText: CaseT["Cancel"]);
        if (confirmed == true)
        {
            var id = agenda.Meeting.Id;
            if (await RunAsync(() => Commands.CloseAsync(actor, id, agenda.Meeting.Version)))
            {
                selectedKey = null;
            }
        }
    }

    private async Task DecidedAsync()
    {
        (severity, message) = (Severity.Success, T["Saved"]);
        await ReloadAsync();
    }

    private async Task<bool> RunAsync(Func<Task<MeetingResult>> command)
    {
        busy = true;
        try
        {
            var result = await command();
            errors = result.Errors;
            (severity, message) = result.Succeeded ? (Severity.Success, null) : (Severity.Error, result.Error is { } e ? E.Text(e) : null);
            await ReloadAsync();
            return result.Succeeded;
        }
        finally
        {
            busy = false;
        }
    }

    private string Time(long ms) => Clock.ToLocal(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private string? Err(string field) => errors.TryGetValue(field, out var e) ? E.Text(e) : null;
}
