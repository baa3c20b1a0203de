using Dapper;
using DbUp.Engine;
using DbUp.Engine.Transactions;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;

namespace Liwater.Dashboard.Tests.Data.Database;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task Migrate_FreshFile_AppliesEveryScriptOnceAndUsesWal()
    {
        TestDatabases.SkipOnPostgreSql("WAL and PRAGMAs of a file (PostgreSqlMigrationTests covers the server)");
        using var temp = new TempDatabase(migrate: false);
        var applied = SchemaMigrator.Migrate(temp.Db);
        Assert.Equal(SchemaMigrator.ScriptNames.Count, applied.Count);
        Assert.Empty(SchemaMigrator.Migrate(temp.Db));

        await using var connection = await temp.Db.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(applied.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_versions"));
    }

    [Fact]
    public void Migrate_JournalWithoutTheLastScript_AppliesThatOneOnlyThenNothing()
    {
        // The embedded scripts as SchemaMigrator journals them (by file name), on this run's engine.
        using var temp = new TempDatabase(migrate: false);
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = SchemaMigrator.ScriptNamesOf(temp.Db.Provider).Select(name =>
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            return new SqlScript(string.Join('.', name.Split('.')[^2..]), reader.ReadToEnd());
        }).ToArray();
        Assert.True(scripts.Length >= 2);
        Assert.Equal(scripts.Length - 1, SchemaMigrator.Apply(temp.Db, new Scripts(scripts[..^1])).Count);

        // A start after an upgrade applies the one new script; the start after that applies none.
        Assert.Equal([scripts[^1].Name], SchemaMigrator.Migrate(temp.Db));
        Assert.Empty(SchemaMigrator.Migrate(temp.Db));
    }

    [Fact]
    public void Migrate_CorruptFile_RefusesAndNamesTheFile()
    {
        TestDatabases.SkipOnPostgreSql("a damaged database file");
        using var temp = new TempDatabase(migrate: false);
        File.WriteAllBytes(temp.Db.FilePath, Enumerable.Repeat((byte)0x5A, 8192).ToArray());
        var error = Assert.Throws<DatabaseStartupException>(() => SchemaMigrator.Migrate(temp.Db));
        Assert.Contains(temp.Db.FilePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("backup", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Migrate_ForeignDatabase_RefusesAndLeavesItUntouched()
    {
        TestDatabases.SkipOnPostgreSql("sqlite_master (PostgreSqlMigrationTests has the server's twin)");
        using var temp = new TempDatabase(migrate: false);
        await using (var connection = await temp.Db.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (7);");
        }

        var error = Assert.Throws<DatabaseStartupException>(() => SchemaMigrator.Migrate(temp.Db));
        Assert.Contains("another application", error.Message, StringComparison.Ordinal);
        await using var check = await temp.Db.OpenAsync();
        Assert.Equal(7, await check.ExecuteScalarAsync<long>("SELECT id FROM invoices"));
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'compounds'"));
    }

    [Fact]
    public async Task Apply_ScriptFailingHalfWay_IsRolledBackAndNotRecorded()
    {
        TestDatabases.SkipOnPostgreSql("sqlite_master (PostgreSqlMigrationTests has the server's twin)");
        using var temp = new TempDatabase();
        var scripts = new Scripts(
            new SqlScript("9001_ok.sql", "CREATE TABLE probe_ok (id INTEGER);"),
            new SqlScript("9002_broken.sql", "CREATE TABLE probe_half (id INTEGER); INSERT INTO probe_half VALUES (1); SELECT * FROM no_such_table;"));

        var error = Assert.Throws<DatabaseStartupException>(() => SchemaMigrator.Apply(temp.Db, scripts));
        Assert.Contains("9002_broken.sql", error.Message, StringComparison.Ordinal);

        await using var connection = await temp.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'probe_ok'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'probe_half'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_versions WHERE scriptname = '9002_broken.sql'"));
    }

    [Fact]
    public void Migrate_UnwritableFolder_RefusesAndNamesTheFolder()
    {
        using var temp = new TempDatabase(migrate: false);
        var blocker = Path.Combine(temp.Folder, "not-a-folder");
        File.WriteAllText(blocker, "a file where the data folder should be");
        var db = new Db(new DatabaseOptions { Path = Path.Combine(blocker, "liwater.db") }, Liwater.Data.Changes.NoChangeSignal.Instance, TimeProvider.System);

        var error = Assert.Throws<DatabaseStartupException>(() => SchemaMigrator.Migrate(db));
        Assert.Contains(blocker, error.Message, StringComparison.Ordinal);
        Assert.Contains("Liwater:Database:Path", error.Message, StringComparison.Ordinal);
    }

    private sealed class Scripts(params SqlScript[] scripts) : IScriptProvider
    {
        public IEnumerable<SqlScript> GetScripts(IConnectionManager connectionManager) => scripts;
    }
}
