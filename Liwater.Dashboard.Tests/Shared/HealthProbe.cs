using System.Diagnostics;
using System.Net;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Waits until a process the test started answers <c>/healthz</c> with 200: an app node (database migrated, feed
/// started) or the HAProxy front (a request through it reached a healthy node). Fails at once if the process exits.
/// </summary>
public static class HealthProbe
{
    public static async Task WaitAsync(Uri baseAddress, Process process, TimeSpan within, Func<string> describe)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{describe()} exited ({process.ExitCode}) while starting.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet (or, behind the front, no node marked up yet).
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{describe()} was not healthy within {within.TotalSeconds} s.");
    }
}
