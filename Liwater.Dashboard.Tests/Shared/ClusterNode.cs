using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// One app node of a cluster: the built app as its own process (<c>dotnet Liwater.Dashboard.dll</c>) on a PostgreSQL
/// database shared with the other nodes, on its own loopback port. Killed with SIGKILL on dispose if still running.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ClusterNode(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        this.process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Gets what the node printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts a node and waits until its /healthz answers 200 (the database migrated, the feed started).</summary>
    public static async Task<ClusterNode> StartAsync(string name, string connectionString, string dataFolder, params (string Key, string Value)[] environment)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "Liwater.Dashboard.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.Combine(AppProcess.RepositoryRoot(), "Liwater.Dashboard"),
        };
        Directory.CreateDirectory(dataFolder);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // No inotify watchers: a busy test machine runs out of them.
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "1";
        start.Environment["Liwater__Database__Provider"] = "PostgreSql";
        start.Environment["Liwater__Database__ConnectionString"] = connectionString;
        start.Environment["Liwater__Database__Path"] = Path.Combine(dataFolder, "unused.db");
        start.Environment["Liwater__Backup__Folder"] = Path.Combine(dataFolder, "backups");
        start.Environment["Liwater__LoadDemoData"] = "true";
        start.Environment["Liwater__Jobs__PollIntervalSeconds"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var node = new ClusterNode(name, port, Process.Start(start)!);
        node.process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node.process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        await HealthProbe.WaitAsync(node.BaseAddress, node.process, TimeSpan.FromSeconds(120), () => $"Node {node.Name}\n{node.Output}");
        return node;
    }

    /// <summary>Kills the node at once (SIGKILL), as a crash or a pulled cable would end it.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }


    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
