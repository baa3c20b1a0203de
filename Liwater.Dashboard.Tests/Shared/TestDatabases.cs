using System.Diagnostics;
using Dapper;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Which engine the data and app tests run on: SQLite files (the default) or, with
/// <c>LIWATER_TEST_PROVIDER=PostgreSql</c> and <c>LIWATER_TEST_PG=Host=…;Port=…;Username=…</c> (a server on which the
/// user may create databases), one PostgreSQL database per test and per app host, cloned from a template that this
/// test process migrates (and fills with the demo dataset) once.
/// </summary>
public static class TestDatabases
{
    public const string ProviderVariable = "LIWATER_TEST_PROVIDER";
    public const string ServerVariable = "LIWATER_TEST_PG";

    private static readonly SemaphoreSlim CreateGate = new(1, 1);
    private static readonly Lazy<Task<string>> SchemaTemplate = new(() => CreateTemplateAsync("schema", demo: false));
    private static readonly Lock DemoGate = new();
    private static (DateOnly Day, Task<string> Name)? demoTemplate;
    private static readonly Lock InstantGate = new();
    private static readonly Dictionary<DateTimeOffset, Lazy<Task<string>>> DemoAtTemplates = [];
    private static readonly Lock FolderGate = new();
    private static readonly Dictionary<string, string> Folders = [];
    private static readonly Dictionary<string, string> Released = [];
    private static int counter;

    /// <summary>Gets the engine the tests run on.</summary>
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "PostgreSql", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    public static bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>Gets the SQL dialect of the run, for tests' own SQL that needs one of its fragments.</summary>
    public static SqlDialect Dialect => IsPostgreSql ? SqlDialect.PostgreSql : SqlDialect.Sqlite;

    /// <summary>Gets the connection string of the PostgreSQL server for tests, or null when none is configured.</summary>
    public static string? Server { get; } = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    /// <summary>Skips the calling test on PostgreSQL: it checks something only a SQLite file has.</summary>
    public static void SkipOnPostgreSql(string what) =>
        Assert.SkipWhen(IsPostgreSql, $"SQLite only: {what} (this run uses PostgreSQL).");

    /// <summary>Skips the calling test unless a PostgreSQL server is configured (LIWATER_TEST_PG).</summary>
    public static string RequireServer() =>
        Server ?? throw Xunit.Sdk.SkipException.ForSkip(
            $"No PostgreSQL server for tests: set {ServerVariable}=Host=127.0.0.1;Port=…;Username=postgres (.ci/run and test.sh start one).");

    /// <summary>A new, empty database on the test server; returns its connection string.</summary>
    public static string CreateEmpty() => CreateAsync(null).GetAwaiter().GetResult();

    /// <summary>A new database with the schema migrated (and the demo dataset when asked); returns its connection string.</summary>
    /// <remarks>
    /// A clone of a template takes well under a second; loading the demo dataset into a database takes seconds on
    /// PostgreSQL (~90,000 rows over the wire; ~20 s before the load switched the aggregate triggers off), which every
    /// app host used to pay.
    /// </remarks>
    public static string CreateMigrated(bool demo = false) =>
        CreateAsync(demo ? DemoTemplate() : SchemaTemplate.Value).GetAwaiter().GetResult();

    /// <summary>
    /// A new database with the demo dataset placed at <paramref name="at"/> (a fake clock's start); returns its
    /// connection string. The dataset depends only on its seed and that instant, so every test that starts a fake clock
    /// at the same instant clones one template built on the first call instead of loading the demo again (seconds on
    /// PostgreSQL).
    /// </summary>
    public static string CreateDemoAt(DateTimeOffset at) => CreateAsync(DemoAtTemplate(at)).GetAwaiter().GetResult();

    /// <summary>
    /// Writes a SQLite database file with the demo dataset placed at <paramref name="at"/> to <paramref name="path"/>:
    /// a copy of a file built once per instant in this test process (the SQLite twin of <see cref="CreateDemoAt"/>).
    /// </summary>
    public static void CopyDemoAt(DateTimeOffset at, string path) => File.Copy(DemoAtTemplate(at).GetAwaiter().GetResult(), path);

    /// <summary>
    /// The SQLite twin of <see cref="ForFolder"/>: before the first app host of a data folder starts, its database file
    /// becomes a copy of a demo file built once per town day in this test process, so the app finds the demo loaded and
    /// skips the load (~1.5 s per host on SQLite). A file already there (a restart on the folder) is kept.
    /// </summary>
    public static void SeedDemoFile(string path)
    {
        if (!File.Exists(path))
        {
            File.Copy(DemoTemplate().GetAwaiter().GetResult(), path);
        }
    }

    /// <summary>
    /// The database of an app data folder: cloned from the demo template (or the bare schema when the host does not load
    /// the demo) the first time, and the same database again when a later app host is started on that folder (a
    /// restart), as the SQLite file in the folder would be. The app then finds its demo data loaded and skips the load.
    /// </summary>
    public static string ForFolder(string folder, bool demo)
    {
        lock (FolderGate)
        {
            // Databases released by hosts of other folders are not restarted any more: drop them now.
            foreach (var (other, connectionString) in Released.Where(r => r.Key != folder).ToList())
            {
                Released.Remove(other);
                Drop(connectionString);
            }

            Released.Remove(folder);
            if (!Folders.TryGetValue(folder, out var existing))
            {
                existing = CreateMigrated(demo);
                Folders[folder] = existing;
            }

            return existing;
        }
    }

    /// <summary>The app host of a folder stopped: its database is kept for a restart on the folder, else dropped later.</summary>
    public static void Release(string folder)
    {
        lock (FolderGate)
        {
            if (Folders.TryGetValue(folder, out var connectionString))
            {
                Released[folder] = connectionString;
            }
        }
    }

    /// <summary>Drops a database made here (closing its pooled connections first).</summary>
    public static void Drop(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        using var admin = Admin();
        admin.Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task<string> CreateAsync(Task<string>? template)
    {
        var templateName = template is null ? null : await template;
        var name = $"lwt_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}";
        await CreateGate.WaitAsync();
        try
        {
            await using var admin = Admin();
            // FILE_COPY copies the template's files; the default (WAL_LOG, PostgreSQL 15+) writes every block through
            // the WAL, which took a third longer per clone of the ~30 MB demo (0.30 s against 0.23 s) on the test
            // server, whose checkpoints cost nothing with fsync off. A PostgreSQL pass makes a few hundred clones.
            await admin.ExecuteAsync(templateName is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\" STRATEGY = FILE_COPY");
        }
        finally
        {
            CreateGate.Release();
        }

        return For(name);
    }

    // The demo places recent cases, deadlines and the ticker's last day relative to the moment it is loaded, and local
    // dates relative to the town's today: a template (a PostgreSQL database, or on SQLite a file) is built for one town
    // day, and built again once that day is over, so a database cloned after midnight never holds yesterday's "today".
    // Within the day it is as old as the run, like the demo of an app fixture that a test class shares for its run.
    private static Task<string> DemoTemplate()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, DemoTime.DefaultZone()).DateTime);
        lock (DemoGate)
        {
            if (demoTemplate is not { } current || current.Day != today)
            {
                var kind = $"demo{today:yyyyMMdd}";
                demoTemplate = (today, IsPostgreSql ? CreateTemplateAsync(kind, demo: true) : CreateSqliteTemplateAsync(kind, TimeProvider.System));
            }

            return demoTemplate.Value.Name;
        }
    }

    // A PostgreSQL template database name, or on SQLite the path of a template file; built once per instant.
    private static Task<string> DemoAtTemplate(DateTimeOffset at)
    {
        lock (InstantGate)
        {
            if (!DemoAtTemplates.TryGetValue(at, out var template))
            {
                template = new Lazy<Task<string>>(() => IsPostgreSql
                    ? CreateTemplateAsync($"demoat{at.UtcTicks}", demo: true, new FakeTimeProvider(at))
                    : CreateSqliteTemplateAsync($"at{at.UtcTicks}", new FakeTimeProvider(at)));
                DemoAtTemplates[at] = template;
            }

            return template.Value;
        }
    }

    private static async Task<string> CreateSqliteTemplateAsync(string kind, TimeProvider clock)
    {
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", $"tpl_{Environment.ProcessId}_{kind}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        };
        var db = new Db(new DatabaseOptions { Path = Path.Combine(folder, "liwater.db") }, NoChangeSignal.Instance, clock);
        SchemaMigrator.Migrate(db);
        await DemoDataLoader.LoadIfEmptyAsync(db);

        // Everything into the main file (a copy of it alone is then the whole database) and no connection left open on it.
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        using (var pooled = new SqliteConnection(db.ConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        return db.FilePath;
    }

    private static async Task<string> CreateTemplateAsync(string kind, bool demo, TimeProvider? clock = null)
    {
        await DropTemplatesOfEndedRunsAsync();
        var name = $"lwt_{Environment.ProcessId}_tpl_{kind}";
        await using (var admin = Admin())
        {
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await admin.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        }

        // No pooling: CREATE DATABASE … TEMPLATE refuses a template with open connections.
        var connectionString = new NpgsqlConnectionStringBuilder(For(name)) { Pooling = false }.ConnectionString;
        var db = new Db(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString }, NoChangeSignal.Instance, clock ?? TimeProvider.System);
        SchemaMigrator.Migrate(db);
        if (demo)
        {
            await DemoDataLoader.LoadIfEmptyAsync(db);
        }

        return name;
    }

    // Test databases of earlier runs that died before dropping them (their process is gone).
    private static async Task DropTemplatesOfEndedRunsAsync()
    {
        await using var admin = Admin();
        var names = await admin.QueryAsync<string>("SELECT datname FROM pg_database WHERE datname LIKE 'lwt\\_%'");
        foreach (var name in names)
        {
            var parts = name.Split('_');
            if (parts.Length > 2 && int.TryParse(parts[1], out var pid) && pid != Environment.ProcessId && !IsRunning(pid))
            {
                await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // A PostgreSQL run without a server is a broken run, not a skipped one.
    private static string ServerOfRun => Server ?? throw new InvalidOperationException(
        $"{ProviderVariable}=PostgreSql needs {ServerVariable}=Host=…;Port=…;Username=… (a server where that user may create databases).");

    private static string For(string database) =>
        new NpgsqlConnectionStringBuilder(ServerOfRun) { Database = database }.ConnectionString;

    private static NpgsqlConnection Admin()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerOfRun) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
