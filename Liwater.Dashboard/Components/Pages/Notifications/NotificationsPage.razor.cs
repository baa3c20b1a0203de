using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Localization;
using Liwater.Dashboard.Notifications;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Components.Pages.Notifications;

/// <summary>The user's notifications and alert settings (/notifications).</summary>
public sealed partial class NotificationsPage
{
    private const int Take = 50;

    private readonly Dictionary<string, bool> choices = new(StringComparer.Ordinal);
    private Dictionary<string, string> errors = [];
    private NotificationInbox inbox = new(0, []);
    private ActingUser user = new();
    private bool loaded;
    private string? email;
    private bool digest;
    private string? message;

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    [Inject]
    public required NotificationQueries Queries { get; init; }

    [Inject]
    public required NotificationCommands Commands { get; init; }

    [Inject]
    public required NotificationMessages Messages { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required IOptions<NotificationOptions> Options { get; init; }

    [Inject]
    public required IStringLocalizer<NotificationText> T { get; init; }

    [Inject]
    public required IStringLocalizer<DataErrorText> Errors { get; init; }

    protected override async Task OnInitializedAsync()
    {
        user = await Authentication.ActorAsync();
        var saved = await Queries.PreferencesAsync(user.Id);
        (email, digest) = (saved.Email, saved.Digest);
        foreach (var kind in NotificationKinds.All)
        {
            foreach (var channel in NotificationChannels.All)
            {
                choices[NotificationPreferences.Key(kind, channel)] = saved.IsOn(kind, channel);
            }
        }

        loaded = true;

        inbox = await Queries.InboxAsync(user.Id, Take);
        Live(new LiveFilter(new HashSet<string>([ChangeKinds.NotificationCreated, ChangeKinds.NotificationRead], StringComparer.Ordinal)) { Entity = "user", EntityId = user.Id },
            async () => inbox = await Queries.InboxAsync(user.Id, Take));
    }

    /// <summary>In-app and browser always; e-mail and webhook only where the deployment set them up.</summary>
    private bool Available(string channel) =>
        channel is NotificationChannels.InApp or NotificationChannels.Browser || Options.Value.OutboundChannels.Contains(channel);

    private async Task SaveAsync()
    {
        var result = await Commands.SavePreferencesAsync(user, new NotificationPreferences { UserId = user.Id, Email = email, Digest = digest, Choices = choices });
        errors = result.ToDictionary(e => e.Key, e => Errors.Text(e.Value), StringComparer.Ordinal);
        message = errors.Count > 0 ? string.Join(" ", errors.Values) : T["Saved"];
    }

    private async Task MarkAllReadAsync()
    {
        await Commands.MarkReadAsync(user, null);
        inbox = await Queries.InboxAsync(user.Id, Take);
    }
}
