using System.Globalization;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Notifications;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Liwater.Dashboard.Components.Pages.Notifications;

/// <summary>
/// The bell: the signed-in user's unread count and newest notifications, re-read when the notification reader writes
/// for this user or the user reads in another tab (a change-log entry about the user, <see cref="ChangeKinds.NotificationCreated"/>).
/// New unread notifications also pop up as browser notifications when the user allowed them and chose the browser
/// channel for the kind; those already there when the page opened do not.
/// </summary>
public sealed partial class NotificationBell : IAsyncDisposable
{
    private NotificationInbox inbox = new(0, []);
    private long userId;
    private ActingUser user = new();
    private bool open;
    private string permission = "unsupported";
    private long shownUpTo = long.MaxValue;
    private IJSObjectReference? module;
    private DotNetObjectReference<NotificationBell>? self;

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
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<NotificationOptions> Options { get; init; }

    [Inject]
    public required IStringLocalizer<NotificationText> T { get; init; }

    private string BadgeText => inbox.Unread > 99 ? "99+" : inbox.Unread.ToString(CultureInfo.CurrentCulture);

    private string AriaLabel => string.Format(CultureInfo.CurrentCulture, T["BellUnread"], inbox.Unread);

    /// <summary>The browser told the permission the user chose (from the click on the enable button).</summary>
    [JSInvokable]
    public Task PermissionChanged(string answer) => InvokeAsync(() =>
    {
        permission = answer;
        StateHasChanged();
    });

    public async ValueTask DisposeAsync()
    {
        Dispose();
        if (module is not null)
        {
            try
            {
                await module.InvokeVoidAsync("unbind");
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone: nothing to unbind.
            }
        }

        self?.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        user = await Authentication.ActorAsync();
        userId = user.Id;
        if (userId <= 0)
        {
            return;
        }

        inbox = await Queries.InboxAsync(userId, Options.Value.BellSize);
        Live(new LiveFilter(new HashSet<string>([ChangeKinds.NotificationCreated, ChangeKinds.NotificationRead], StringComparer.Ordinal)) { Entity = "user", EntityId = userId }, ReloadAsync);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || userId <= 0)
        {
            return;
        }

        // What is there when the page opens is not news for the browser; only later notifications pop up.
        shownUpTo = inbox.Latest.Count > 0 ? inbox.Latest.Max(n => n.Id) : 0;
        try
        {
            var script = await JS.InvokeAsync<IJSObjectReference?>("import", "./notifications.js");
            if (script is null)
            {
                return; // no script runtime (a test renderer)
            }

            self = DotNetObjectReference.Create(this);
            permission = await script.InvokeAsync<string>("bind", self) ?? "unsupported";
            // Only now may a live reload pop notifications: before, it would mark them shown without knowing the permission.
            module = script;
            StateHasChanged();
        }
        catch (JSDisconnectedException)
        {
            // The page closed before the script loaded.
        }
    }

    private async Task ReloadAsync()
    {
        inbox = await Queries.InboxAsync(userId, Options.Value.BellSize);
        var fresh = inbox.Latest.Where(n => n.ReadAt is null && n.Id > shownUpTo).OrderBy(n => n.Id).ToList();
        if (fresh.Count == 0 || module is null)
        {
            return;
        }

        shownUpTo = fresh[^1].Id;
        if (permission != "granted")
        {
            return;
        }

        var choices = await Queries.PreferencesAsync(userId);
        foreach (var n in fresh.Where(n => choices.IsOn(n.Kind, NotificationChannels.Browser)))
        {
            var url = Navigation.ToAbsoluteUri(n.CaseId is { } c ? $"/cases/{c}" : "/notifications").ToString();
            await module.InvokeAsync<bool>("show", $"liwater-{n.Id}", Messages.Title(n.Kind, n.Summary), Messages.Detail(n.Mark), url);
        }
    }

    private void Toggle() => open = !open;

    private void Close() => open = false;

    private async Task MarkAllReadAsync()
    {
        await Commands.MarkReadAsync(user, null);
        inbox = await Queries.InboxAsync(userId, Options.Value.BellSize);
    }

    private async Task OpenAsync(NotificationRow n)
    {
        if (n.ReadAt is null)
        {
            await Commands.MarkReadAsync(user, n.Id);
        }

        open = false;
        Navigation.NavigateTo(n.CaseId is { } c ? $"/cases/{c}" : "/notifications");
    }

    private string When(long at) => Clock.ToLocal(at).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
}
