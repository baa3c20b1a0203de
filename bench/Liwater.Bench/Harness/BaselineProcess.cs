using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Liwater.Bench.Harness;

/// <summary>
/// The bare baseline server (bench/Liwater.Bench.Baseline, Release build) as a child process on 127.0.0.1: a SignalR
/// hub, a Blazor counter page and an empty Blazor page, with POST /commit writing one row at Liwater's durability and
/// pushing it to both. Issue 15 compares every Liwater figure with it, measured in the same run.
/// </summary>
internal sealed class BaselineProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http;

    private BaselineProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public int Pid => process.Id;

    /// <summary>Gets the time from process start to the first page (/counter 200): the start-up baseline.</summary>
    public TimeSpan StartUp { get; private set; }

    public string CounterUrl => new Uri(BaseAddress, "/counter").ToString();

    public Uri HubUrl => new(BaseAddress, "/hubs/bare");

    public static async Task<BaselineProcess> StartAsync(Paths paths, string name)
    {
        if (!File.Exists(paths.BaselineDll))
        {
            throw new FileNotFoundException($"Publish the baseline first (missing {paths.BaselineDll}); bench/run.sh does.");
        }

        var folder = Path.Combine(paths.Out, "runs", name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(paths.BaselineDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_CONTENTROOT"] = paths.BaselineFolder;
        info.Environment["BASELINE_DB"] = Path.Combine(folder, "baseline.db");
        var watch = Stopwatch.StartNew();
        var child = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        var baseline = new BaselineProcess(child, new Uri($"http://127.0.0.1:{port}"));
        while (true)
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"The baseline server exited with code {child.ExitCode}");
            }

            try
            {
                using var response = await baseline.http.GetAsync("/counter");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    baseline.StartUp = watch.Elapsed;
                    return baseline;
                }
            }
            catch (HttpRequestException) when (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }
    }

    /// <summary>One commit: a row at synchronous = FULL, then one hub message and one counter push.</summary>
    public async Task CommitAsync()
    {
        using var response = await http.PostAsync("/commit", null);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadFromJsonAsync<object>();
    }

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
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
