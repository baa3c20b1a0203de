using Liwater.Dashboard.Live;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>
/// Reads the wall's figures once while the app is still starting, beside Kestrel's own start, so the first screen to
/// connect after a restart (a wall heals itself by reconnecting) is served from that read instead of waiting for it.
/// The snapshot stays true: with no screen open, <see cref="ScreenState"/> drops it at the first change or refresh,
/// and the read waits until the change feed knows where the log stands, so every change after the read reaches it.
/// </summary>
public sealed class ScreenWarmUp(ScreenState state, ChangeFeed feed, ILogger<ScreenWarmUp> logger) : IHostedLifecycleService
{
    // How long the host's "started" waits for the read: a city-scale read takes seconds, an unreadable database forever.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private Task read = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        read = Task.Run(
            async () =>
            {
                await feed.Started.WaitAsync(cancellationToken);
                await state.GetAsync(cancellationToken);
            },
            cancellationToken);
        return Task.CompletedTask;
    }

    /// <summary>Waits (a bounded time) for the read before the host reports started, so a host started in a test is quiet.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await read.WaitAsync(Patience, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fatal: the first screen reads for itself and shows its own error.
            logger.LogWarning(e, "The wall's figures could not be read at start");
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
