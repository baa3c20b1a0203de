using Liwater.Dashboard.Auth;
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
    public required IStringLocalizer<AuthText> T { get; init; }

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthenticationState).User.ToActingUser();
        communities = await Territory.ListCommunitiesAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        users = await Store.ListAsync(actor);
        edits.Clear();
        foreach (var u in users)
        {
            edits[u.Id] = new UserInput { Username = u.Username, DisplayName = u.DisplayName, Role = u.Role, CommunityId = u.CommunityId };
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

    private async Task DoneAsync(Dictionary<string, string> result)
    {
        errors = result;
        message = result.Count > 0 ? string.Join(" ", result.Values) : T["Saved"];
        if (result.Count == 0)
        {
            await LoadAsync();
        }
    }
}
