using Dapper;
using DbUp.Engine;
using DbUp.Engine.Transactions;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Dashboard.Tests.Data.Database;

/// <summary>The PostgreSQL schema: twins of every SQLite migration, applied once even by nodes starting together.</summary>
public sealed class PostgreSqlMigrationTests
{
    [Fact]
    public void ScriptNamesOf_EverySqliteMigration_HasAPostgreSqlTwinOfTheSameName()
    {
        static IEnumerable<string> FileNames(DatabaseProvider provider) =>
            SchemaMigrator.ScriptNamesOf(provider).Select(name => string.Join('.', name.Split('.')[^2..]));

        Assert.NotEmpty(SchemaMigrator.ScriptNamesOf(DatabaseProvider.Sqlite));
        Assert.Equal(FileNames(DatabaseProvider.Sqlite), FileNames(DatabaseProvider.PostgreSql));
    }

    [Fact]
    public async Task Migrate_TwoNodesStartingTogether_ApplyEveryScriptOnce()
    {
        SkipUnlessPostgreSql();
        using var temp = new TempDatabase(migrate: false);
        var second = NewDb(temp.ConnectionString!);

        var applied = await Task.WhenAll(Task.Run(() => SchemaMigrator.Migrate(temp.Db)), Task.Run(() => SchemaMigrator.Migrate(second)));

        var expected = SchemaMigrator.ScriptNamesOf(DatabaseProvider.PostgreSql).Count;
        Assert.Equal(expected, applied.Sum(a => a.Count));
        Assert.Empty(SchemaMigrator.Migrate(temp.Db));
        await using var connection = await temp.Db.OpenAsync();
        Assert.Equal(expected, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_versions"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'change_log'"));
    }

    [Fact]
    public async Task Migrate_MissingDatabase_CreatesItThenMigrates()
    {
        SkipUnlessPostgreSql();
        using var temp = new TempDatabase(migrate: false);
        TestDatabases.Drop(temp.ConnectionString!);

        var applied = SchemaMigrator.Migrate(temp.Db);

        Assert.Equal(SchemaMigrator.ScriptNamesOf(DatabaseProvider.PostgreSql).Count, applied.Count);
        await using var connection = await temp.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log"));
    }

    [Fact]
    public async Task Migrate_ForeignDatabase_RefusesAndLeavesItUntouched()
    {
        SkipUnlessPostgreSql();
        using var temp = new TempDatabase(migrate: false);
        await using (var connection = await temp.Db.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (7);");
        }

        var error = Assert.Throws<DatabaseStartupException>(() => SchemaMigrator.Migrate(temp.Db));
        Assert.Contains("another application", error.Message, StringComparison.Ordinal);
        await using var check = await temp.Db.OpenAsync();
        Assert.Equal(7, await check.ExecuteScalarAsync<long>("SELECT id FROM invoices"));
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'compounds'"));
    }

    [Fact]
    public async Task Apply_ScriptFailingHalfWay_IsRolledBackAndNotRecorded()
    {
        SkipUnlessPostgreSql();
        using var temp = new TempDatabase();
        var scripts = new Scripts(
            new SqlScript("9001_ok.sql", "CREATE TABLE probe_ok (id INTEGER);"),
            new SqlScript("9002_broken.sql", "CREATE TABLE probe_half (id INTEGER); INSERT INTO probe_half VALUES (1); SELECT * FROM no_such_table;"));

        var error = Assert.Throws<DatabaseStartupException>(() => SchemaMigrator.Apply(temp.Db, scripts));
        Assert.Contains("9002_broken.sql", error.Message, StringComparison.Ordinal);

        await using var connection = await temp.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'probe_ok'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'probe_half'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_versions WHERE scriptname = '9002_broken.sql'"));
    }

    [Fact]
    public void Migrate_UnreachableServer_RefusesAndNamesTheSetting()
    {
        var db = NewDb("Host=127.0.0.1;Port=1;Username=nobody;Database=liwater;Timeout=2");

        var error = Assert.Throws<DatabaseStartupException>(() => SchemaMigrator.Migrate(db));
        Assert.Contains("Liwater:Database:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }

    private static void SkipUnlessPostgreSql() =>
        Assert.SkipUnless(TestDatabases.IsPostgreSql, "PostgreSQL only (this run uses SQLite; .ci/run runs the suite on both).");

    private static Db NewDb(string connectionString) =>
        new(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString }, NoChangeSignal.Instance, TimeProvider.System);

    private sealed class Scripts(params SqlScript[] scripts) : IScriptProvider
    {
        public IEnumerable<SqlScript> GetScripts(IConnectionManager connectionManager) => scripts;
    }
}
