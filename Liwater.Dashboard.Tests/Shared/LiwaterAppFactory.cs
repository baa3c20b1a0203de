using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 (a free port unless one is given), on its own data folder with a real
/// SQLite file (or its own PostgreSQL database on a PostgreSQL run, cloned from a template, see TestDatabases) and the
/// demo data. Settings are the repository's appsettings.json plus <see cref="Settings"/>.
/// </summary>
public class LiwaterAppFactory : WebApplicationFactory<Program>
{
    private readonly int port;

    public LiwaterAppFactory(string? dataFolder = null, int port = 0)
    {
        this.port = port;
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        Settings["Liwater:Database:Path"] = Path.Combine(DataFolder, "liwater.db");
        Settings["Liwater:Jobs:StoragePath"] = Path.Combine(DataFolder, "liwater-jobs.db");
        Settings["Liwater:Backup:Folder"] = Path.Combine(DataFolder, "backups");
        Settings["Liwater:LoadDemoData"] = "true";

        // Every test signs in from 127.0.0.1, many times a minute; the sign-in limit tests set the real limit.
        Settings["Liwater:Admin:ClientAttemptsPerMinute"] = "1000";
    }

    public string DataFolder { get; }

    /// <summary>Gets the PostgreSQL connection string of the app's database (null on SQLite, and before the host is built).</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>Gets settings applied on top of appsettings.json (set before the first use of the factory).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Gets or sets the hosting environment. Defaults to Development, as in the README run.</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>Gets the address Kestrel listens on, e.g. http://127.0.0.1:41234 (starts the server).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Waits until the jobs server has registered the recurring jobs and started its workers: it starts once the app
    /// answers, not before (decision 0127).
    /// </summary>
    public void WaitForJobs() =>
        Assert.True(Services.GetRequiredService<Liwater.Dashboard.Jobs.JobsServer>().Started.Wait(TimeSpan.FromSeconds(60)), "the jobs server started within a minute");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        var demo = bool.TryParse(Settings.GetValueOrDefault("Liwater:LoadDemoData"), out var load) && load;
        if (TestDatabases.IsPostgreSql)
        {
            // The folder's own database on the test server (the same one again when a host restarts on this folder),
            // cloned with the demo rows already in it when the host loads the demo: the app finds them and skips the load.
            // Chosen here, once the subclass's settings are final.
            ConnectionString = TestDatabases.ForFolder(DataFolder, demo);
            Settings["Liwater:Database:Provider"] = "PostgreSql";
            Settings["Liwater:Database:ConnectionString"] = ConnectionString;
        }
        else if (demo && Settings.GetValueOrDefault("Liwater:Database:Path") is { } path)
        {
            // Likewise on SQLite: the file starts as a copy of the demo template, unless a host of this folder made it.
            TestDatabases.SeedDemoFile(path);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // Browser tests leave live connections open; don't let each teardown wait the default 30 s for them.
        builder.ConfigureServices(services => services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5)));
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // As in Dispose: a shutdown past its timeout is the host's business (issue 11 item 7), not the test's.
        }

        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        catch (OperationCanceledException)
        {
            // Graceful shutdown ran past its timeout (open browser connections on a loaded machine); the host is
            // stopped all the same, and a test's verdict must not depend on how long its teardown took.
        }

        SqliteConnection.ClearAllPools();
        if (disposing && ConnectionString is not null)
        {
            TestDatabases.Release(DataFolder);
        }
    }
}
