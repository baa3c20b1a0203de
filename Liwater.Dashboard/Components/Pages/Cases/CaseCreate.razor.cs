using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Localization;
using Liwater.Data.Cases;
using Liwater.Data.Territory;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>
/// The create form. The same <see cref="CaseValidation"/> runs here (messages at once) and again in
/// <see cref="CaseCommands.CreateAsync"/> (which also checks compound, building and rights); the form keeps what was
/// typed whatever comes back.
/// </summary>
public sealed partial class CaseCreate
{
    private readonly FormModel form = new();
    private IReadOnlyList<CompoundRef> compounds = [];
    private IReadOnlyList<BuildingRef> buildings = [];
    private IReadOnlyDictionary<string, DataError> errors = new Dictionary<string, DataError>();
    private string? message;
    private bool saving;
    private ActingUser actor = new();
    private bool ready;

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject]
    public required CaseQueries Queries { get; init; }

    [Inject]
    public required CaseCommands Commands { get; init; }

    [Inject]
    public required TerritoryQueries Territory { get; init; }

    [Inject]
    public required CaseOptions Options { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IStringLocalizer<CasesText> T { get; init; }

    [Inject]
    public required IStringLocalizer<DataErrorText> E { get; init; }

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthenticationState).User.ToActingUser();
        // The form appears once its compound list is there: on PostgreSQL the read is truly asynchronous, and a form
        // shown before it would offer an empty compound select and re-render under the user's first click.
        compounds = await Queries.ListCompoundsAsync(actor);
        ready = true;
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? Err(string field) => errors.TryGetValue(field, out var e) ? E.Text(e) : null;

    private async Task CompoundChangedAsync(long? compoundId)
    {
        form.CompoundId = compoundId;
        form.BuildingId = null;
        buildings = compoundId is { } id ? await Territory.ListBuildingsAsync(id) : [];
    }

    private async Task SaveAsync()
    {
        var input = form.ToNewCase();
        errors = CaseValidation.ValidateNew(input, Options);
        message = null;
        if (errors.Count > 0)
        {
            message = E.Text(new DataError(CaseErrors.InvalidInput));
            return;
        }

        saving = true;
        try
        {
            var result = await Commands.CreateAsync(actor, input);
            if (result.Succeeded)
            {
                Navigation.NavigateTo($"/cases/{result.CaseId}");
                return;
            }

            errors = result.Errors;
            message = result.Error is { } e ? E.Text(e) : null;
        }
        finally
        {
            saving = false;
        }
    }

    private sealed class FormModel
    {
        public long? CompoundId { get; set; }
        public long? BuildingId { get; set; }
        public string? Category { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? SourceChannel { get; set; }
        public string? ReporterName { get; set; }
        public string? ReporterPhone { get; set; }
        public string? Level { get; set; } = CaseLevels.Compound;
        public string? AssignedUnitKind { get; set; } = "property_company";
        public string? AssignedUnitName { get; set; }

        public NewCase ToNewCase() => new()
        {
            CompoundId = CompoundId, BuildingId = BuildingId, Category = Category, Title = Title, Description = Description,
            SourceChannel = SourceChannel, ReporterName = ReporterName, ReporterPhone = ReporterPhone, Level = Level,
            AssignedUnitKind = AssignedUnitKind, AssignedUnitName = AssignedUnitName,
        };
    }
}
