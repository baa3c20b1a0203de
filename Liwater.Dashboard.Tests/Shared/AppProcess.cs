using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// The built app run as a separate process, as an operator runs it (<c>dotnet Liwater.Dashboard.dll</c>), on the
/// database and job files given, in Development unless the environment says otherwise. For what an in-process host
/// cannot show: refusals to start and exit codes (the static helpers), signals and SIGKILL at a random moment (an
/// instance from <see cref="StartAsync"/>: at 127.0.0.1 on a fixed port so that a restart keeps its address, output in
/// app-N.log in the folder).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string ScreenKey = "demo-screen-key";
    public const string AdminPassword = "demo-admin-change-me";

    private static int starts;
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

    public string DatabasePath => Path.Combine(Folder, "liwater.db");

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts the app on <paramref name="folder"/> (created, demo data loaded on first start) and returns once
    /// it answers; <paramref name="port"/> 0 picks a free one.</summary>
    public static async Task<AppProcess> StartAsync(string folder, int port = 0, IDictionary<string, string>? settings = null)
    {
        Directory.CreateDirectory(folder);
        port = port == 0 ? FreePort() : port;
        var environment = new List<(string Key, string Value)>
        {
            ("Logging__LogLevel__Default", "Warning"),
            ("Logging__LogLevel__Microsoft.Hosting.Lifetime", "Information"),
            ("Liwater__LoadDemoData", "true"),
        };
        environment.AddRange((settings ?? new Dictionary<string, string>()).Select(s => (s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value)));
        var child = Start(folder, ["--urls", $"http://127.0.0.1:{port}"], [.. environment]);
        var writer = new StreamWriter(Path.Combine(folder, $"app-{Interlocked.Increment(ref starts)}.log")) { AutoFlush = true };
        child.OutputDataReceived += (_, e) => Log(writer, e.Data);
        child.ErrorDataReceived += (_, e) => Log(writer, e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        var app = new AppProcess(child, writer, new Uri($"http://127.0.0.1:{port}"), folder);
        await app.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(180));
        return app;
    }

    /// <summary>Runs the app until it exits (or 60 s pass, which fails the test); returns its exit code and stderr.</summary>
    public static async Task<(int ExitCode, string Error)> RunToExitAsync(string dataFolder, string[] arguments, params (string Key, string Value)[] environment)
    {
        using var process = Start(dataFolder, arguments, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("The app did not stop; it should refuse to start. Output: " + await stdout);
        }

        await stdout;
        return (process.ExitCode, (await stderr).Trim());
    }

    /// <summary>
    /// Runs the app until it says it is running (then stops it) or exits; returns whether it ran, and its output.
    /// </summary>
    public static async Task<(bool Started, string Output)> RunUntilStartedAsync(string dataFolder, string[] arguments, params (string Key, string Value)[] environment)
    {
        using var process = Start(dataFolder, arguments, environment);
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = Capture(process, line =>
        {
            if (line.Contains(RunningLine, StringComparison.Ordinal))
            {
                started.TrySetResult(true);
            }
        });
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(started.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        var ran = first == started.Task;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        lock (output)
        {
            return (ran, output.ToString());
        }
    }

    /// <summary>
    /// Starts the app on an empty folder (it migrates a new file, then loads the demo data: seconds before it answers),
    /// sends SIGTERM as soon as the database file appears, and waits for it to end. Returns its exit code (null: still
    /// running after 30 s, then killed), whether it had said it was running before the signal, and its output.
    /// </summary>
    public static async Task<(int? ExitCode, bool RunningBeforeSignal, string Output)> StopWhileStartingAsync(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        using var process = Start(dataFolder, ["--urls", $"http://127.0.0.1:{FreePort()}"], [("Liwater__LoadDemoData", "true")]);
        var output = Capture(process);
        var database = Path.Combine(dataFolder, "liwater.db");
        for (var i = 0; i < 3000 && !File.Exists(database) && !process.HasExited; i++)
        {
            await Task.Delay(10);
        }

        bool running;
        lock (output)
        {
            running = output.ToString().Contains(RunningLine, StringComparison.Ordinal);
        }

        _ = Kill(process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int? exitCode;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            exitCode = process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            exitCode = null;
        }

        lock (output)
        {
            return (exitCode, running, output.ToString());
        }
    }

    // The line the app prints once it answers (Program's AnnounceUrls).
    private const string RunningLine = "Liwater is running";

    /// <summary>Collects the process's stdout and stderr, line by line, into one buffer (lock it to read); each line
    /// is in the buffer before <paramref name="onLine"/> sees it.</summary>
    private static StringBuilder Capture(Process process, Action<string>? onLine = null)
    {
        var output = new StringBuilder();
        void Append(string? line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }

            if (line is not null)
            {
                onLine?.Invoke(line);
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    /// <summary>Sends a signal (SIGTERM 15, SIGKILL 9) to the app.</summary>
    public void Signal(int signal)
    {
        if (Kill(process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for the process to end; false when it did not within <paramref name="limit"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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

    /// <summary>The app's output so far (for failure messages).</summary>
    public string Output()
    {
        lock (log)
        {
            log.Flush();
        }

        var path = ((FileStream)log.BaseStream).Name;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Liwater.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Liwater.sln not found above the test binaries");
    }

    private static Process Start(string dataFolder, string[] arguments, (string Key, string Value)[] environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Liwater.Dashboard.dll");
        var urls = arguments.Contains("--urls") ? [] : new[] { "--urls", "http://127.0.0.1:0" };
        var start = new ProcessStartInfo("dotnet", [dll, .. urls, .. arguments])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.Combine(RepositoryRoot(), "Liwater.Dashboard"),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Liwater__Database__Path"] = Path.Combine(dataFolder, "liwater.db");
        start.Environment["Liwater__Jobs__StoragePath"] = Path.Combine(dataFolder, "jobs.db");
        start.Environment["Liwater__Backup__Folder"] = Path.Combine(dataFolder, "backups");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static void Log(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            try
            {
                writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The output of a process being disposed.
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
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/login"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The app did not answer within {limit.TotalSeconds} s:\n{Output()}");
    }
}
