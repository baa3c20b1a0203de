using Liwater.Dashboard.Localization;
using System.Globalization;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Dashboard.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Ratings;

public sealed partial class ScoreSheetForm
{
    private static readonly int[] Quarters = [1, 2, 3, 4];

    private readonly Dictionary<string, double?> scores = [];
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private long? unitId;
    private int year;
    private int quarter;
    private string assessor = "";
    private string comments = "";
    private long? expectedRecordedAt;
    private string? status;
    private string? error;
    private bool busy;
    private ComputedItemScore? computed;

    /// <summary>Gets or sets the units that can be scored.</summary>
    [Parameter, EditorRequired] public required IReadOnlyList<AssessmentUnit> Units { get; set; }

    /// <summary>Gets or sets the unit, year and quarter to open first. Defaults to none and this year's year-end.</summary>
    [Parameter] public long? InitialUnitId { get; set; }

    /// <summary>Gets or sets what runs after a sheet was saved (the league table reloads).</summary>
    [Parameter] public EventCallback OnSaved { get; set; }

    /// <summary>Gets or sets the signed-in user, whose name is the default assessor (absent in component tests).</summary>
    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    public required IStringLocalizer<DataErrorText> Errors { get; init; }

    [Inject]
    public required RatingOptions Options { get; init; }

    [Inject]
    public required AssessmentQueries Queries { get; init; }

    [Inject]
    public required ScoreSheetCommands Commands { get; init; }

    /// <summary>Gets the item computed from the service record (none unless Liwater:Reports:ComputeServiceChecklistItem).</summary>
    [Inject]
    public required IComputedChecklistItem Computed { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IStringLocalizer<RatingText> T { get; init; }

    private IReadOnlyList<ChecklistItem> Checklist => Options.EffectiveChecklist;

    private Task<ActingUser> ActorAsync() => AuthenticationState.ActorAsync();

    /// <summary>Opens the sheet of a unit and period (from the league table).</summary>
    public async Task OpenAsync(long unit, int sheetYear, int sheetQuarter)
    {
        (unitId, year, quarter) = (unit, sheetYear, sheetQuarter);
        await LoadAsync();
        StateHasChanged();
    }

    protected override async Task OnInitializedAsync()
    {
        year = Clock.Today.Year;
        unitId = InitialUnitId;
        await LoadAsync();
        if (assessor.Length == 0 && AuthenticationState is not null)
        {
            assessor = (await ActorAsync()).DisplayName;
        }
    }

    /// <summary>The figures a computed item comes from, in the user's language.</summary>
    internal string SourceText(ComputedItemSource s) =>
        string.Format(CultureInfo.CurrentCulture, T["ComputedSource"], s.SlaMet, s.SlaDue, s.Reopened, s.Resolved, s.Dissatisfied, s.Confirmations, s.EscalatedPastCompound, Clock.ToLocal(s.AsOf).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    private double? Score(string code) => scores.GetValueOrDefault(code);

    private void SetScore(string code, double? value) => scores[code] = value;

    private async Task UnitChangedAsync(long? value)
    {
        unitId = value;
        await LoadAsync();
    }

    private async Task YearChangedAsync(int value)
    {
        year = value;
        await LoadAsync();
    }

    private async Task QuarterChangedAsync(int value)
    {
        quarter = value;
        await LoadAsync();
    }

    // Opening a period shows what is stored, so re-entering it is an edit of that sheet, guarded by its recorded_at.
    private async Task LoadAsync()
    {
        scores.Clear();
        errors = new Dictionary<string, string>();
        error = null;
        expectedRecordedAt = null;
        status = null;
        computed = null;
        if (unitId is not { } unit)
        {
            return;
        }

        // What saving will store for the computed item: the record as it stands now (a stored sheet is recomputed too).
        computed = ScoreSheetRules.IsPeriodValid(year, quarter) ? await Computed.ScoreAsync(unit, year, quarter) : null;
        if (computed is not null)
        {
            scores[computed.Code] = computed.Points;
        }

        var sheet = await Queries.GetSheetAsync(unit, year, quarter);
        if (sheet is null)
        {
            status = T["NewSheet"];
            return;
        }

        expectedRecordedAt = sheet.Score.RecordedAt;
        foreach (var (code, value) in sheet.Items.Where(i => i.Key != computed?.Code))
        {
            scores[code] = value;
        }

        assessor = sheet.Score.Assessor;
        comments = sheet.Score.Comments ?? "";
        var recorded = Clock.ToLocal(sheet.Score.RecordedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        status = sheet.Items.Count == 0 ? T["TotalOnly"] : string.Format(CultureInfo.CurrentCulture, T["Existing"], sheet.Score.Assessor, recorded);
    }

    private async Task SaveAsync()
    {
        if (unitId is not { } unit)
        {
            error = T["ChooseUnit"];
            return;
        }

        busy = true;
        error = null;
        try
        {
            var input = new ScoreSheetInput
            {
                UnitId = unit,
                Year = year,
                Quarter = quarter,
                Scores = Checklist.ToDictionary(i => i.Code, i => scores.GetValueOrDefault(i.Code)),
                Assessor = assessor,
                Comments = comments,
                ExpectedRecordedAt = expectedRecordedAt,
            };
            expectedRecordedAt = await Commands.SaveAsync(await ActorAsync(), input);
            await LoadAsync();
            errors = new Dictionary<string, string>();
            var total = ScoreSheetRules.Total(input.Scores, Checklist).ToString("0.##", CultureInfo.InvariantCulture);
            Snackbar.Add(string.Format(CultureInfo.CurrentCulture, T["Saved"], total), Severity.Success);
            status = string.Format(CultureInfo.CurrentCulture, T["Saved"], total);
            await OnSaved.InvokeAsync();
        }
        catch (ScoreSheetRefusedException e)
        {
            errors = Errors.Texts(e.FieldErrors);
            error = string.Join(" ", [Errors.Text(e.Error), .. errors.Values]);
        }
        finally
        {
            busy = false;
        }
    }
}
