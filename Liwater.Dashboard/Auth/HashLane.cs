using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Liwater.Dashboard.Auth;

/// <summary>
/// Password hashing on dedicated threads of lowered CPU priority (decision 0156), never on the thread pool. A hash is
/// ~100 ms of pure CPU; a login flood kept every core busy with them, and a case write — which sleeps in fsync at each
/// commit — then waited for a core after every sleep (p50 10× slower under the flood, while reads and short CPU work
/// barely moved). With a higher nice value the scheduler gives the core back at once to whatever else wants it; the
/// hashes use what is left.
/// </summary>
public sealed class HashLane : IDisposable
{
    private readonly BlockingCollection<Action> work = [];

    /// <summary>Starts <paramref name="threads"/> threads named <paramref name="name"/>, at Linux nice value
    /// <paramref name="nice"/> (0 normal, 19 lowest; ignored on other systems).</summary>
    public HashLane(string name, int threads, int nice)
    {
        for (var i = 0; i < Math.Max(1, threads); i++)
        {
            new Thread(() => Run(nice)) { IsBackground = true, Name = name }.Start();
        }
    }

    /// <summary>Runs <paramref name="hash"/> on the lane; the caller's thread is free meanwhile.</summary>
    public Task<T> RunAsync<T>(Func<T> hash, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(
            () =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    done.TrySetCanceled(cancellationToken);
                    return;
                }

                try
                {
                    done.TrySetResult(hash());
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
            },
            cancellationToken);
        return done.Task;
    }

    public void Dispose()
    {
        work.CompleteAdding();
    }

    private void Run(int nice)
    {
        if (OperatingSystem.IsLinux() && nice > 0)
        {
            // Per thread on Linux; raising the nice value needs no privilege. A failure leaves normal priority.
            _ = NativeMethods.setpriority(0 /* PRIO_PROCESS: a thread id on Linux */, NativeMethods.gettid(), nice);
        }

        foreach (var item in work.GetConsumingEnumerable())
        {
            item();
        }
    }

#pragma warning disable SYSLIB1054, CA5392, CA1060, CA1401, IDE1006 // two plain libc calls with int arguments
    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int setpriority(int which, int who, int prio);

        [DllImport("libc")]
        public static extern int gettid();
    }
#pragma warning restore SYSLIB1054, CA5392, CA1060, CA1401, IDE1006
}
