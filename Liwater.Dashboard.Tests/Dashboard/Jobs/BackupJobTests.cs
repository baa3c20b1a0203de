using Dapper;
using Liwater.Dashboard.Extensions;
using Liwater.Dashboard.Jobs;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

public sealed class BackupJobTests
{
    private static readonly string[] Tables = ["communities", "compounds", "households", "cases", "case_events", "volunteer_activities", "assessment_scores", "change_log"];

    private static BackupJob Job(JobTestDatabase db, int keepDays = 3) =>
        new(db.Db, db.Town, new FixedOptions<BackupOptions>(new BackupOptions { Folder = Path.Combine(db.Folder, "backups"), KeepDays = keepDays }),
            new FixedOptions<LiwaterOptions>(new LiwaterOptions { SettingsFolder = db.Folder }), NullLogger<BackupJob>.Instance);

    [Fact]
    public async Task RunAsync_Restored_OpensWithTheSameRowCounts()
    {
        TestDatabases.SkipOnPostgreSql("SQLite backup files (RunAsync_PostgreSql_WritesADumpPgRestoreReads covers the server)");
        using var db = await JobTestDatabase.CreateAsync();
        var result = await Job(db).RunAsync();
        Assert.True(result.Created);
        Assert.Equal("liwater-2026-11-25.db", Path.GetFileName(result.Path));

        // The restore of the README: copy the backup into place, open it as the database.
        var restoredPath = Path.Combine(db.Folder, "restored", "liwater.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restoredPath)!);
        File.Copy(result.Path, restoredPath);
        var restored = new Db(new DatabaseOptions { Path = restoredPath }, NoChangeSignal.Instance, db.Clock);
        Assert.Empty(SchemaMigrator.Migrate(restored));

        foreach (var table in Tables)
        {
            var sql = $"SELECT COUNT(*) FROM {table}";
            var original = await db.CountAsync(sql);
            await using var connection = await restored.OpenAsync();
            Assert.True(original > 0, table);
            Assert.Equal(original, await connection.ExecuteScalarAsync<long>(sql));
        }
    }

    [Fact]
    public async Task RunAsync_TwiceOnADay_KeepsTheFirstBackup()
    {
        TestDatabases.SkipOnPostgreSql("SQLite backup files (RunAsync_PostgreSql_WritesADumpPgRestoreReads covers the server)");
        using var db = await JobTestDatabase.CreateAsync();
        var first = await Job(db).RunAsync();
        var written = File.GetLastWriteTimeUtc(first.Path);
        await db.Db.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM change_log", transaction: t));

        var second = await Job(db).RunAsync();

        Assert.False(second.Created);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.Path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(first.Path)!));
    }

    [Fact]
    public async Task RunAsync_DaysPass_KeepsOnlyTheConfiguredDays()
    {
        TestDatabases.SkipOnPostgreSql("SQLite backup files (RunAsync_PostgreSql_WritesADumpPgRestoreReads covers the server)");
        using var db = await JobTestDatabase.CreateAsync(demo: false);
        for (var day = 0; day < 5; day++)
        {
            await Job(db, keepDays: 3).RunAsync();
            db.Clock.Advance(TimeSpan.FromDays(1));
        }

        var names = Directory.GetFiles(Path.Combine(db.Folder, "backups")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["liwater-2026-11-27.db", "liwater-2026-11-28.db", "liwater-2026-11-29.db"], names);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task RunAsync_PostgreSql_WritesADumpPgRestoreReadsOncePerDay()
    {
        Assert.SkipUnless(TestDatabases.IsPostgreSql, "PostgreSQL only: pg_dump of the server's database.");
        using var db = await JobTestDatabase.CreateAsync();
        var first = await Job(db).RunAsync();
        var second = await Job(db).RunAsync();

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal("liwater-2026-11-25.dump", Path.GetFileName(first.Path));
        var list = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pg_restore", ["--list", first.Path]) { RedirectStandardOutput = true })!;
        var toc = await list.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await list.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, list.ExitCode);
        foreach (var table in Tables)
        {
            Assert.Contains($"TABLE DATA public {table} ", toc, StringComparison.Ordinal);
        }
    }
}
