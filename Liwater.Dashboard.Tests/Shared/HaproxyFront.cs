using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Debian's HAProxy in front of cluster nodes on loopback, configured by <c>scale/haproxy-config.sh</c> (the front door
/// <c>scale/run.sh</c> ships: cookie stickiness, /healthz checks every second, redispatch). Runs in the foreground as a
/// child process; killed on dispose.
/// </summary>
public sealed class HaproxyFront : IAsyncDisposable
{
    private readonly Process process;

    private HaproxyFront(int port, Process process)
    {
        this.process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>Gets the front address every browser uses.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Writes the configuration for the nodes' ports into <paramref name="folder"/> and starts HAProxy on a free port.</summary>
    public static async Task<HaproxyFront> StartAsync(string folder, params int[] nodePorts)
    {
        var haproxy = new[] { "/usr/sbin/haproxy", "/usr/bin/haproxy" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("HAProxy is not installed: apt-get install haproxy (test.sh and .ci/run install it for the PostgreSQL pass).");
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var config = Path.Combine(folder, "haproxy.cfg");
        var script = Path.Combine(AppProcess.RepositoryRoot(), "scale", "haproxy-config.sh");
        await File.WriteAllTextAsync(config, await RunAsync("bash", [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. nodePorts.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        // -db: stay in the foreground (no daemon), so the test owns the process.
        var start = new ProcessStartInfo(haproxy, ["-db", "-f", config]) { RedirectStandardError = true, RedirectStandardOutput = true };
        var front = new HaproxyFront(port, Process.Start(start)!);
        front.process.OutputDataReceived += (_, _) => { };
        front.process.ErrorDataReceived += (_, _) => { };
        front.process.BeginOutputReadLine();
        front.process.BeginErrorReadLine();
        await HealthProbe.WaitAsync(front.BaseAddress, front.process, TimeSpan.FromSeconds(30), () => $"HAProxy at {front.BaseAddress}");
        return front;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }


    private static async Task<string> RunAsync(string file, string[] arguments)
    {
        using var run = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await run.StandardOutput.ReadToEndAsync();
        var error = await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        return run.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
