using System.Threading.Channels;
using Dapper;
using Liwater.Data.Database;

namespace Liwater.Dashboard.Auth;

/// <summary>One row of <c>sign_in_attempts</c>: when, the name as typed, the client, and ok / failed / throttled.</summary>
public sealed record SignInAttempt(long At, string Name, string Client, string Outcome, long? UserId);

/// <summary>
/// The audit of failed and throttled sign-in attempts, written in batches off the request (decision 0156): a login
/// flood used to make one write — one turn of SQLite's single write lock, one fsync, one wake-up of the change feed —
/// per wrong password, and every case write queued behind them. Attempts wait here (at most
/// <see cref="MaxPending"/>) and are stored together every <see cref="FlushInterval"/>, in one short transaction;
/// the per-client hold-back counts the stored rows and the waiting ones alike (<see cref="Pending"/>), so batching
/// changes no answer. What is still waiting is written when the app stops; a crash loses at most one interval of
/// failed attempts, never an account change (a successful sign-in is written at once, with its account re-check).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The flush gate is a SemaphoreSlim whose wait handle is never created; it lives as long as the singleton.")]
public sealed class SignInAttemptLog(Db db, ILogger<SignInAttemptLog> logger) : BackgroundService
{
    /// <summary>How many attempts may wait for the next batch; a request that finds it full stores the batch first.</summary>
    public const int MaxPending = 5_000;

    /// <summary>How long attempts wait to be stored together.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock gate = new();
    private readonly List<SignInAttempt> pending = [];
    private readonly SemaphoreSlim flushing = new(1, 1);
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues an attempt for the next batch (or stores the batch first when <see cref="MaxPending"/> are waiting,
    /// so a flood slows only the flooder).</summary>
    public async ValueTask RecordAsync(SignInAttempt attempt, CancellationToken cancellationToken = default)
    {
        bool full;
        lock (gate)
        {
            full = pending.Count >= MaxPending;
            if (!full)
            {
                pending.Add(attempt);
            }
        }

        if (full)
        {
            await FlushAsync(cancellationToken);
            lock (gate)
            {
                pending.Add(attempt);
            }
        }

        wake.Writer.TryWrite(true);
    }

    /// <summary>The attempts of <paramref name="client"/> not stored yet.</summary>
    public IReadOnlyList<SignInAttempt> Pending(string client)
    {
        lock (gate)
        {
            return pending.Where(a => a.Client == client).ToList();
        }
    }

    /// <summary>Stores every waiting attempt now, in one transaction.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            List<SignInAttempt> batch;
            lock (gate)
            {
                batch = [.. pending];
            }

            if (batch.Count == 0)
            {
                return;
            }

            await db.WriteAsync((connection, tx) => InsertAsync(connection, tx, batch), cancellationToken);
            lock (gate)
            {
                // Only this (serialised) flush removes rows, and new ones are appended: the batch is still the head.
                pending.RemoveRange(0, batch.Count);
            }
        }
        finally
        {
            flushing.Release();
        }
    }

    /// <summary>Inserts attempt rows in the caller's transaction.</summary>
    public static Task<int> InsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, IEnumerable<SignInAttempt> attempts) =>
        connection.ExecuteAsync(
            "INSERT INTO sign_in_attempts (at, username, client, outcome, user_id) VALUES (@At, @Name, @Client, @Outcome, @UserId)",
            attempts, tx);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not store {Count} sign-in attempt(s) at shutdown", WaitingCount);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await wake.Reader.WaitToReadAsync(stoppingToken))
            {
                wake.Reader.TryRead(out _);
                await Task.Delay(FlushInterval, stoppingToken);
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Kept in memory and tried again with the next batch.
                    logger.LogError(e, "Could not store {Count} sign-in attempt(s); will retry", WaitingCount);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync stores what is left.
        }
    }

    private int WaitingCount
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }
}
