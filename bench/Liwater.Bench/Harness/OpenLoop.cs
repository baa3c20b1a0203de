using System.Collections.Concurrent;
using System.Diagnostics;

namespace Liwater.Bench.Harness;

/// <summary>
/// The open-loop writer of scenarios 3 and 8: writes at a target rate through the app's HTTP form endpoints (half new
/// cases, half follow-ups on earlier ones: CaseCommands, one transaction each, change log included). A write is
/// started on schedule whether or not earlier ones finished (at most 128 in flight), so slowness shows as latency.
/// The writers may be signed in on different nodes of a cluster; they are used in turn.
/// </summary>
internal static class OpenLoop
{
    /// <summary>Creates <paramref name="count"/> cases to follow up, each later taken by one writer at a time so that
    /// the expected version is always right.</summary>
    public static async Task<ConcurrentQueue<(long Id, long Version)>> SeedAsync(AppClient writer, IReadOnlyList<long> compounds, int count = 64)
    {
        var open = new ConcurrentQueue<(long Id, long Version)>();
        for (var i = 0; i < count; i++)
        {
            open.Enqueue(await writer.CreateCaseAsync(compounds[i % compounds.Count], $"压测预置 {i}"));
        }

        return open;
    }

    /// <summary>Writes at <paramref name="rate"/> per second for <paramref name="length"/>; returns the sustained rate
    /// (completed writes per second of the step), each write's latency and the number that failed or never started.</summary>
    public static async Task<(double Achieved, List<double> Latencies, int Failures)> RunAsync(
        IReadOnlyList<AppClient> writers, IReadOnlyList<long> compounds, ConcurrentQueue<(long Id, long Version)> open, int rate, TimeSpan length) =>
        (await RunStepAsync(writers, compounds, open, rate, length)).Figures;

    /// <summary><see cref="RunAsync"/>, with the failures counted by write and answer ("create 500", "follow-up
    /// timeout", "not started": the 128 in flight were all busy for 10 s).</summary>
    public static async Task<((double Achieved, List<double> Latencies, int Failures) Figures, IReadOnlyDictionary<string, int> FailuresByKind)> RunStepAsync(
        IReadOnlyList<AppClient> writers, IReadOnlyList<long> compounds, ConcurrentQueue<(long Id, long Version)> open, int rate, TimeSpan length)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var byKind = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var seconds = await PaceAsync(rate, length, async n =>
        {
            var writer = writers[n % writers.Count];
            var started = Stopwatch.GetTimestamp();
            var kind = "create";
            try
            {
                if (n % 2 == 0 || !open.TryDequeue(out var target))
                {
                    var created = await writer.CreateCaseAsync(compounds[n % compounds.Count], $"压测 {rate}/s #{n}");
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    open.Enqueue(created);
                }
                else
                {
                    kind = "follow-up";
                    var version = await writer.FollowUpAsync(target.Id, target.Version);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    open.Enqueue((target.Id, version));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failures);
                // AppClient puts the status first ("500: …"); a cancelled request is the client's 30 s timeout.
                var answer = e is TaskCanceledException ? "timeout" : e.Message.Split(':')[0];
                byKind.AddOrUpdate($"{kind} {answer}", 1, (_, c) => c + 1);
            }
        }, () =>
        {
            Interlocked.Increment(ref failures);
            byKind.AddOrUpdate("not started", 1, (_, c) => c + 1);
        });

        return ((latencies.Count / seconds, latencies.ToList(), failures), byKind);
    }

    /// <summary>
    /// The open loop itself, shared by Liwater's writer and the plain ADO.NET baseline: starts write n at n / rate
    /// seconds for <paramref name="length"/>, at most 128 in flight (a write that cannot start within 10 s is skipped and
    /// reported through <paramref name="notStarted"/>); returns the seconds the step took once every started write ended.
    /// </summary>
    public static async Task<double> PaceAsync(int rate, TimeSpan length, Func<int, Task> write, Action? notStarted = null)
    {
        using var inFlight = new SemaphoreSlim(128);
        var tasks = new List<Task>();
        var total = (int)(rate * length.TotalSeconds);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed);
            }

            if (!await inFlight.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                notStarted?.Invoke();
                continue;
            }

            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await write(n);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
        return watch.Elapsed.TotalSeconds;
    }
}
