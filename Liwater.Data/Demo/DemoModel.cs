using System.Data.Common;

namespace Liwater.Data.Demo;

internal sealed record DemoCommunity(long Id, DemoCommunityRow Row);

/// <summary>A building and its households, whose ids are the contiguous range starting at <see cref="FirstHouseholdId"/>.</summary>
internal sealed record DemoBuilding(long Id, long CompoundId, string Name, long FirstHouseholdId, int HouseholdCount);

internal sealed class DemoCompound(long id, DemoCommunity community, DemoCompoundRow row)
{
    public long Id { get; } = id;

    public DemoCommunity Community { get; } = community;

    public DemoCompoundRow Row { get; } = row;

    public string Name => Row.Name;

    public List<DemoBuilding> Buildings { get; } = [];

    /// <summary>Gets or sets the Party organisation the compound's contact groups report to (own or joint branch).</summary>
    public long? BranchOrgId { get; set; }

    /// <summary>Gets the volunteer teams of the compound by kind.</summary>
    public List<(long Id, string Kind)> Teams { get; } = [];
}

/// <summary>Everything the parts of the loader share while they fill one transaction.</summary>
/// <remarks>
/// Ids are assigned here rather than by SQLite: every table filled below hangs off <c>communities</c> through
/// foreign keys, and the loader only runs when <c>communities</c> is empty, so those tables are empty too.
/// </remarks>
internal sealed class DemoModel(DbConnection connection, DbTransaction transaction, DemoTime time) : IDisposable
{
    private readonly DemoBatch batch = new(connection, transaction);

    /// <summary>Gets the connection, with every batched insert sent first (so what is read or written next sees them).</summary>
    public DbConnection Connection
    {
        get
        {
            batch.Flush();
            return connection;
        }
    }

    public DbTransaction Transaction { get; } = transaction;

    public DemoTime Time { get; } = time;

    public List<DemoCommunity> Communities { get; } = [];

    public List<DemoCompound> Compounds { get; } = [];

    /// <summary>Gets or sets the id of the falling-tiles case, which a council motion refers to.</summary>
    public long TilesCaseId { get; set; }

    public DemoCompound Compound(string name) => Compounds.Single(c => c.Name == name);

    public DemoInsert Insert(string sql, params string[] parameterNames) => new(connection, Transaction, batch, sql, parameterNames);

    /// <summary>Sends the batched inserts (on PostgreSQL); the loader calls it once every part is in.</summary>
    public void Flush() => batch.Flush();

    public void Dispose() => batch.Dispose();
}
