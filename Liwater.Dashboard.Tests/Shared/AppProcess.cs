using System.Diagnostics;
using System.Text;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// The built app run as a separate process, as an operator runs it (<c>dotnet Liwater.Dashboard.dll</c>), on the
/// database and job files given, in Development unless the environment says otherwise.
/// </summary>
public static class AppProcess
{
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
        var output = new StringBuilder();
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Liwater is running", StringComparison.Ordinal) == true)
            {
                started.TrySetResult(true);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "Liwater.sln")))
        {
            folder = folder.Parent;
        }

        return folder.FullName;
    }

    private static Process Start(string dataFolder, string[] arguments, (string Key, string Value)[] environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Liwater.Dashboard.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0", .. arguments])
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
}
