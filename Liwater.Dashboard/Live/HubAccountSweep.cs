using Liwater.Dashboard.Auth;
using Liwater.Data.Database;

namespace Liwater.Dashboard.Live;

/// <summary>
/// Live-hub connections let in by a sign-in cookie (decision 0155) end like open pages do when their account is
/// deactivated, demoted or reset: every <see cref="AuthOptions.RevalidateSeconds"/> (at most 10 s) each one's account
/// is checked with the same rule as the pages (<see cref="AccountRevalidation.IsCurrentAsync"/>, decision 0100), and a
/// stale one is closed; its reconnect meets the refused cookie.
/// </summary>
public sealed class HubAccountSweep(LiveHubClients clients, Db db, AuthOptions options, ILogger<HubAccountSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(options.RevalidateSeconds, 1, 10)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var outbox in clients.ByAccount)
                {
                    try
                    {
                        if (!await AccountRevalidation.IsCurrentAsync(db, outbox.Account!, stoppingToken))
                        {
                            clients.Revoke(outbox);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "Could not re-check the account of live hub connection {ConnectionId}; checked again next turn", outbox.ConnectionId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
