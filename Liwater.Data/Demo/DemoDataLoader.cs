using System.Data.Common;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Statistics;

namespace Liwater.Data.Demo;

/// <summary>
/// Loads the deterministic Lishui demo dataset into an empty database: 6 communities, 43 compounds, about 70,000
/// households, the Party grid, volunteers, councils, the 2021 property assessment and live-looking cases.
/// </summary>
/// <remarks>
/// Everything is generated from one fixed seed, so two loads give the same rows; only time-relative rows (recent
/// cases, recent activities, the latest council meeting) are placed relative to <see cref="Db.Clock"/>, so a screen
/// started today looks alive. Each part draws from its own generator seeded from the master one, so a change in one
/// part never shifts the data of another. Rows whose content the source does not give carry is_assumption = 1.
/// </remarks>
public static class DemoDataLoader
{
    public const int Seed = 20211231;

    private const long TickerHistoryMs = 24 * 60 * 60 * 1000L;

    // pg_advisory_lock key of the demo load (any constant shared by every node; "LIWDEMO1" in ASCII).
    private const long DemoLockKey = 0x4C495744454D4F31;

    /// <summary>
    /// Loads the dataset if the database has no community yet, in one transaction (all or nothing).
    /// </summary>
    /// <returns><see langword="true"/> if the dataset was loaded; <see langword="false"/> if data existed (left untouched).</returns>
    public static Task<bool> LoadIfEmptyAsync(Db db, CancellationToken ct = default) =>
        LoadIfEmptyAsync(db, DemoTime.DefaultZone(), ct);

    /// <summary>Loads the dataset if empty, with local dates in <paramref name="timeZone"/>.</summary>
    public static async Task<bool> LoadIfEmptyAsync(Db db, TimeZoneInfo timeZone, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(timeZone);
        if (db.Provider != DatabaseProvider.PostgreSql)
        {
            return await LoadInTransactionAsync(db, timeZone, ct);
        }

        // Nodes of a cluster starting together on an empty database: the second waits here (without a command timeout)
        // until the first has loaded, then finds the data. Without the lock it would insert the same rows and wait on
        // the first one's row locks until its command timed out, which stopped its start on a loaded machine.
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = DemoLockKey }, commandTimeout: 0, cancellationToken: ct));
        try
        {
            return await LoadInTransactionAsync(db, timeZone, ct);
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = DemoLockKey });
        }
    }

    private static Task<bool> LoadInTransactionAsync(Db db, TimeZoneInfo timeZone, CancellationToken ct)
    {
        // The emptiness check runs inside the write transaction (BEGIN IMMEDIATE on SQLite, SERIALIZABLE on PostgreSQL),
        // so two instances starting at once cannot both load.
        return db.WriteAsync(
            async (connection, transaction) =>
            {
                var time = new DemoTime(db.Clock.GetUtcNow(), timeZone);
                if (await connection.ExecuteScalarAsync<long>("SELECT EXISTS (SELECT 1 FROM communities)", transaction: transaction) != 0)
                {
                    return false;
                }

                var summary = await AggregateTriggers.LoadWithoutAsync(connection, transaction, () => Load(connection, transaction, time, ct));

                // The last day's case events become change-log rows too, in time order, so the screen's ticker opens on
                // the generated day's activity instead of an empty list.
                await connection.ExecuteAsync(
                    """
                    INSERT INTO change_log (at, kind, entity, entity_id, community_id, summary)
                    SELECT e.at, 'case.' || e.kind, 'case', c.id, c.community_id, c.code || ' ' || c.title
                    FROM case_events e JOIN cases c ON c.id = e.case_id
                    WHERE e.kind IN ('opened', 'escalated', 'resolved') AND e.at >= @since
                    ORDER BY e.at, e.id
                    """,
                    new { since = time.NowMs - TickerHistoryMs },
                    transaction);
                // The dataset gives its own ids; on PostgreSQL the id sequences must then move past them.
                if (db.Dialect.ResyncIdSequences is { } resync)
                {
                    await connection.ExecuteAsync(resync, transaction: transaction);
                }

                await ChangeLog.AppendAsync(connection, transaction, time.NowMs, ChangeKinds.DemoLoaded, "demo", null, null, summary);
                return true;
            },
            ct);
    }

    /// <summary>Inserts every part of the dataset into the empty database; returns the change-log summary.</summary>
    /// <remarks>Synchronous on purpose: Microsoft.Data.Sqlite's async methods run synchronously anyway.</remarks>
    private static string Load(DbConnection connection, DbTransaction transaction, DemoTime time, CancellationToken ct)
    {
        var master = new Random(Seed);
        var territory = new Random(master.Next());
        var partyGrid = new Random(master.Next());
        var volunteers = new Random(master.Next());
        var ratings = new Random(master.Next());
        var cases = new Random(master.Next());
        var councils = new Random(master.Next());

        using var model = new DemoModel(connection, transaction, time);
        DemoTerritory.Load(model, territory);
        ct.ThrowIfCancellationRequested();
        DemoPartyGrid.Load(model, partyGrid);
        ct.ThrowIfCancellationRequested();
        DemoVolunteers.Load(model, volunteers);
        ct.ThrowIfCancellationRequested();
        DemoRatings.Load(model, ratings);
        DemoCases.Load(model, cases);
        DemoCouncils.Load(model, councils);
        model.Flush();
        ct.ThrowIfCancellationRequested();

        var households = model.Compounds.Sum(c => c.Buildings.Sum(b => b.HouseholdCount));
        return $"演示数据已载入：{model.Communities.Count} 个社区、{model.Compounds.Count} 个小区、{households} 户";
    }
}
