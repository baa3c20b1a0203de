using System.Globalization;
using System.Text.Json;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Localization;
using Liwater.Data.Changes;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>One case: every field, the timeline in order, and the actions the user's role allows.</summary>
public sealed partial class CaseDetailPage : LiveComponentBase
{
    private CaseDetail? detail;
    private CaseOutcome? outcome;
    private ActingUser actor = new();
    private IDisposable? live;

    [Parameter]
    public long Id { get; set; }

    /// <summary>Gets or sets the phone sheet to open at once (?quick=reply, from an alert).</summary>
    [SupplyParameterFromQuery]
    public string? Quick { get; set; }

    [Inject]
    public required Liwater.Data.Photos.CasePhotos Photos { get; init; }

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject]
    public required CaseQueries Queries { get; init; }

    [Inject]
    public required CaseOptions Options { get; init; }

    [Inject]
    public required DeadlinePolicy Deadlines { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required IStringLocalizer<CasesText> T { get; init; }

    [Inject]
    public required IStringLocalizer<DataErrorText> E { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        actor = (await AuthenticationState).User.ToActingUser();
        // Whoever changes this case (a clerk, a chair's decision, the watchdog), every open page shows it.
        live?.Dispose();
        live = Live(LiveFilter.OfKinds(ChangeKinds.CaseChanges) with { Entity = "case", EntityId = Id }, ReloadAsync);
        await ReloadAsync();
    }

    private IReadOnlyList<Liwater.Data.Photos.CasePhotoRow> photos = [];

    private async Task ReloadAsync()
    {
        (detail, outcome) = await Queries.GetAsync(actor, Id);
        // Photos only for a case the user may read (GetAsync checked and audited that).
        photos = detail is null ? [] : await Photos.ListAsync(Id, publicOnly: false);
    }

    private string Time(long ms) => Clock.ToLocal(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private string? EventExtra(CaseEventRow e)
    {
        if (e.Data is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(e.Data);
        var root = json.RootElement;
        if (root.TryGetProperty("reason", out var stored) && DataError.FromJson(stored) is { } reason)
        {
            // Written by the system or another body (watchdog, council) as a code: worded in the reader's language.
            return E.Text(reason);
        }

        return e.Kind switch
        {
            "consultation" => $"{string.Format(CultureInfo.CurrentCulture, T["Round"], root.GetProperty("round").GetInt64())} · {root.GetProperty("heldOn").GetString()} · {T["Participants"]}：{root.GetProperty("participants").GetString()}",
            "pairing" => $"{T["PairedUnit"]}：{root.GetProperty("unit").GetString()}",
            "assigned_person" => root.TryGetProperty("person", out var person) && person.GetString() is { } name
                ? string.Format(CultureInfo.CurrentCulture, T["AssignedPersonTo"], name)
                : T["AssignedPersonCleared"],
            "assigned" => $"{T["AssignedTo"]}：{root.GetProperty("unit").GetString()} · {T["AssignDueOn"]}：{root.GetProperty("dueOn").GetString()}",
            _ => null,
        };
    }

    private static Color EventColor(string kind) => kind switch
    {
        "escalated" => Color.Error,
        "returned" => Color.Warning,
        "resolved" or "confirmed_satisfied" or "closed" => Color.Success,
        "cancelled" => Color.Dark,
        _ => Color.Primary,
    };
}
