using System.Globalization;
using Hangfire;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Localization;
using Liwater.Dashboard.Notifications;
using Liwater.Data.Database;
using Liwater.Data.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Components.Pages.Notifications;

/// <summary>The ops page of outbound deliveries (/notifications/deliveries, town office): counts and rows from notification_deliveries.</summary>
public sealed partial class DeliveriesPage
{
    private const int Take = 200;

    private DeliveryCounts counts = new(0, 0, 0, 0);
    private IReadOnlyList<DeliveryRow> rows = [];
    private string status = "";
    private string? message;
    private bool failed;

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    [Inject]
    public required NotificationQueries Queries { get; init; }

    [Inject]
    public required NotificationCommands Commands { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required IServiceProvider Services { get; init; }

    [Inject]
    public required IOptions<NotificationOptions> Options { get; init; }

    [Inject]
    public required IStringLocalizer<NotificationText> T { get; init; }

    [Inject]
    public required IStringLocalizer<DataErrorText> Errors { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() =>
        (counts, rows) = await Queries.DeliveriesAsync(status.Length == 0 ? null : status, Take);

    private async Task FilterAsync(string? value)
    {
        status = value ?? "";
        await LoadAsync();
    }

    private async Task RetryAsync(long id)
    {
        var error = await Commands.RetryNowAsync(await Authentication.ActorAsync(), id);
        failed = error is not null;
        if (error is null)
        {
            Services.GetService<IBackgroundJobClient>()?.Enqueue<NotificationDeliveryJob>(j => j.SendAsync(id));
        }

        message = error is null ? T["Retried"] : Errors.Text(error);
        await LoadAsync();
    }

    private long Count(string s) => s switch
    {
        DeliveryStatuses.Pending => counts.Pending,
        DeliveryStatuses.Sending => counts.Sending,
        DeliveryStatuses.Sent => counts.Sent,
        _ => counts.Failed,
    };

    private string Time(long at) => Clock.ToLocal(at).ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
