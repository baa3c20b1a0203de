using Liwater.Data.Database;
using Npgsql;

namespace Liwater.Dashboard.Live;

/// <summary>
/// On PostgreSQL, wakes this node's <see cref="ChangeFeed"/> when any node commits a change: the change_log trigger
/// sends <c>NOTIFY liwater_changes</c> at commit, and this service LISTENs on a dedicated connection. The wake-up
/// carries no data; the feed reads the change log by id as always, and its poll (Liwater:Live:PollSeconds) stays the
/// fallback while this connection is down. Does nothing on SQLite (one process writes; the in-process signal suffices).
/// </summary>
public sealed class PostgreSqlChangeListener(Db db, ChangeNotifier notifier, TimeProvider clock, ILogger<PostgreSqlChangeListener> logger)
    : BackgroundService
{
    public const string Channel = "liwater_changes";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Provider != DatabaseProvider.PostgreSql)
        {
            return;
        }

        // Not pooled: LISTEN belongs to this one session for its whole life.
        var connectionString = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => notifier.Committed();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was committed while this node was not listening is read now.
                notifier.Committed();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The change listener lost its PostgreSQL connection; the live feed polls until it is back");
                notifier.Committed();
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
