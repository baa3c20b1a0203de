using Dapper;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Data.Database;

public sealed class DbTests
{
    [Fact]
    public async Task OpenAsync_AnyConnection_WalWithFullSyncSoAcknowledgedMeansOnDisk()
    {
        TestDatabases.SkipOnPostgreSql("journal mode and synchronous are a SQLite file's PRAGMAs; a PostgreSQL server's durability is its own configuration");
        using var temp = new TempDatabase();
        await using var connection = await temp.Db.OpenAsync(TestContext.Current.CancellationToken);

        var journal = await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode");
        var synchronous = await connection.ExecuteScalarAsync<long>("PRAGMA synchronous");

        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
    }
}
