using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Reports;
using Liwater.Data.Cases;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Reports;

/// <summary>
/// Export button of the case list. The export runs in <see cref="CaseExportService"/>; this component only polls its
/// progress twice a second while it runs, so the page stays usable and nothing waits on the file.
/// </summary>
public sealed partial class CaseExportButton
{
    private readonly CancellationTokenSource disposed = new();
    private CaseExport? export;
    private string? message;
    private bool starting;

    /// <summary>Gets or sets the filters the list shows now, read when the button is pressed.</summary>
    [Parameter, EditorRequired]
    public required Func<CaseFilter> Filter { get; set; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    public required CaseExportService Exports { get; init; }

    [Inject]
    public required IStringLocalizer<ReportText> T { get; init; }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }

    private async Task StartAsync()
    {
        starting = true;
        message = null;
        var actor = await AuthenticationState.ActorAsync();
        (export, message) = await Exports.StartAsync(actor, Filter(), disposed.Token);
        starting = false;
        if (export is not null)
        {
            _ = FollowAsync(export);
        }
    }

    private async Task FollowAsync(CaseExport running)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (running.State is ExportState.Queued or ExportState.Running && await timer.WaitForNextTickAsync(disposed.Token))
            {
                await InvokeAsync(StateHasChanged);
            }

            message = running.State == ExportState.Failed ? T["Export_Failed"].Value : null;
            await InvokeAsync(StateHasChanged);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The page was left; the export finishes on its own and its file expires.
        }
    }

    private static double Percent(CaseExport e) => e.Total == 0 ? 0 : 100.0 * e.Written / e.Total;
}
