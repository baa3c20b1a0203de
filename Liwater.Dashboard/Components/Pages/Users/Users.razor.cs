using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Localization;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Territory;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Users;

public sealed partial class Users
{
    private readonly Dictionary<long, UserInput> edits = [];
    private readonly Dictionary<long, HashSet<long>> compoundEdits = [];
    private IReadOnlyList<CompoundRef> compounds = [];
    private IReadOnlyList<UserRow> users = [];
    private IReadOnlyList<Community> communities = [];
    private UserInput input = new();
    private Dictionary<string, string> errors = [];
    private string? message;
    private ActingUser actor = new();

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject]
    public required UserStore Store { get; init; }

    [Inject]
    public required TerritoryQueries Territory { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required CaseQueries Cases { get; init; }

    [Inject]
    public required IStringLocalizer<Liwater.Dashboard.Localization.DataErrorText> E { get; init; }

    [Inject]
    public required IStringLocalizer<AuthText> T { get; init; }

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthenticationState).User.ToActingUser();
        communities = await Territory.ListCommunitiesAsync();
        compounds = await Cases.ListCompoundsAsync(actor);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        users = await Store.ListAsync(actor);
        edits.Clear();
        compoundEdits.Clear();
        foreach (var u in users)
        {
            edits[u.Id] = new UserInput { Username = u.Username, DisplayName = u.DisplayName, Role = u.Role, CommunityId = u.CommunityId };
            compoundEdits[u.Id] = (u.CompoundList ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => long.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        }
    }

    private async Task CreateAsync()
    {
        var (created, result) = await Store.CreateAsync(actor, input);
        if (created is not null)
        {
            input = new UserInput();
        }

        await DoneAsync(result);
    }

    private async Task ChangeRoleAsync(UserRow user) =>
        await DoneAsync(await Store.ChangeRoleAsync(actor, user.Id, edits[user.Id].Role, edits[user.Id].CommunityId));

    private async Task ResetAsync(UserRow user) =>
        await DoneAsync(await Store.ResetPasswordAsync(actor, user.Id, edits[user.Id].Password));

    private async Task ToggleAsync(UserRow user) =>
        await DoneAsync(await Store.SetActiveAsync(actor, user.Id, !user.IsActive));

    private async Task SaveCompoundsAsync(UserRow user) =>
        await DoneAsync(await Store.SetCompoundsAsync(actor, user.Id, compoundEdits[user.Id]));

    private string CompoundName(long id) => compounds.FirstOrDefault(c => c.Id == id)?.Name ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task DoneAsync(Dictionary<string, DataError> result)
    {
        errors = E.Texts(result);
        message = result.Count > 0 ? string.Join(" ", errors.Values) : T["Saved"];
        if (result.Count == 0)
        {
            await LoadAsync();
        }
    }
}
