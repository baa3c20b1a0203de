using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Liwater.Bench.Harness;

/// <summary>
/// The real Liwater.Dashboard (published ReadyToRun by bench/run.sh) as a child process on 127.0.0.1, on its own copy of a database in a run
/// folder under bench/out/runs. Stopped (and its process tree killed if need be) on dispose.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    public const string ScreenKey = "bench-screen-key";
    public const string AdminPassword = "demo-admin-change-me";

    private readonly Process process;
    private readonly StreamWriter log;

    private AppProcess(Process process, StreamWriter log, Uri baseAddress, string folder)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
        Folder = folder;
    }

    public Uri BaseAddress { get; }

    public string Folder { get; }

    public int Pid => process.Id;

    /// <summary>Gets the time from process start until the first page answered 200.</summary>
    public TimeSpan StartUp { get; private set; }

    public string ScreenUrl => new Uri(BaseAddress, $"/screen?key={ScreenKey}").ToString();

    /// <summary>Copies <paramref name="database"/> (null: an empty folder, the app loads the demo data) into a fresh
    /// run folder and starts the app on it; returns once /screen answers. With <paramref name="postgres"/> (an Npgsql
    /// connection string) the node runs on that PostgreSQL database instead, as <c>scale/run.sh</c> starts a node
    /// (Hangfire then keeps its store in the same database, schema hangfire). With <paramref name="restart"/> the app
    /// starts again on the run folder as the last process left it (no copy).</summary>
    public static async Task<AppProcess> StartAsync(Paths paths, string name, string? database, bool jobs, bool demoData = false, string? postgres = null, bool restart = false)
    {
        var folder = Path.Combine(paths.Out, "runs", name);
        var dbPath = Path.Combine(folder, "liwater.db");
        if (!restart)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            if (database is not null)
            {
                CopyDatabase(database, dbPath);
            }
        }

        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(paths.DashboardDll);
        info.ArgumentList.Add("--settings");
        info.ArgumentList.Add(paths.Settings);
        var env = info.Environment;
        // Development: every other environment refuses demo data and demo secrets (decision 102), which the harness
        // uses (the demo town, the demo administrator). Logging is cut to warnings below, as in production.
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // The published folder holds wwwroot (MudBlazor's and the framework's files included); the run folder does not.
        env["ASPNETCORE_CONTENTROOT"] = paths.DashboardFolder;
        env["Logging__LogLevel__Default"] = "Warning";
        env["Liwater__Database__Path"] = dbPath;
        if (postgres is not null)
        {
            env["Liwater__Database__Provider"] = "PostgreSql";
            env["Liwater__Database__ConnectionString"] = postgres;
        }

        env["Liwater__LoadDemoData"] = demoData ? "true" : "false";
        env["Liwater__Jobs__Enabled"] = jobs ? "true" : "false";
        env["Liwater__Jobs__StoragePath"] = Path.Combine(folder, "liwater-jobs.db");
        env["Liwater__Backup__Folder"] = Path.Combine(folder, "backups");
        env["Liwater__Screen__Keys__0"] = ScreenKey;
        env["Liwater__Admin__InitialPassword"] = AdminPassword;

        var writer = new StreamWriter(Path.Combine(folder, "app.log"), append: restart) { AutoFlush = true };
        var watch = Stopwatch.StartNew();
        var child = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        child.OutputDataReceived += (_, e) => Log(writer, e.Data);
        child.ErrorDataReceived += (_, e) => Log(writer, e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        var app = new AppProcess(child, writer, new Uri($"http://127.0.0.1:{port}"), folder);
        // Generous: the first node on an empty PostgreSQL database loads the demo before it answers.
        await app.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(300));
        app.StartUp = watch.Elapsed;
        return app;
    }

    /// <summary>Resident set size of the app process (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first, so the host stops cleanly and releases the database; then make sure.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        await log.DisposeAsync();
    }

    public static void CopyDatabase(string from, string to)
    {
        File.Copy(from, to, overwrite: true);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(to + suffix);
            if (File.Exists(from + suffix))
            {
                File.Copy(from + suffix, to + suffix);
            }
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}; see {Path.Combine(Folder, "app.log")}");
            }

            try
            {
                using var response = await http.GetAsync(ScreenUrl);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The app did not answer within {limit.TotalSeconds} s; see {Path.Combine(Folder, "app.log")}");
    }

    private static void Log(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
