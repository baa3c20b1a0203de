using System.Runtime.CompilerServices;

namespace Liwater.Dashboard.Components.Shared;

/// <summary>
/// One timer ticking every second for every countdown of the process, instead of a timer per countdown (decision
/// 0178): a case list shows 25, a meeting more, each in every open circuit. One per <see cref="TimeProvider"/>, so
/// tests that advance a fake clock drive it too. The timer runs only while someone listens; each listener is called
/// in its own execution context (its circuit's culture), never the one of whoever started the timer.
/// </summary>
public sealed class SecondTick
{
    private static readonly ConditionalWeakTable<TimeProvider, SecondTick> Ticks = new();
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private readonly HashSet<Listener> listeners = [];
    private Listener[] current = [];
    private ITimer? timer;

    private SecondTick(TimeProvider clock) => this.clock = clock;

    /// <summary>Gets the tick of a clock (the app's <see cref="TimeProvider"/>).</summary>
    public static SecondTick Of(TimeProvider clock) => Ticks.GetValue(clock, c => new SecondTick(c));

    /// <summary>Gets how many listeners the tick has (for tests).</summary>
    public int Listeners
    {
        get
        {
            lock (gate)
            {
                return listeners.Count;
            }
        }
    }

    /// <summary>Calls <paramref name="tick"/> every second until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Action tick)
    {
        var listener = new Listener(this, tick, ExecutionContext.Capture());
        lock (gate)
        {
            listeners.Add(listener);
            current = [.. listeners];
            if (timer is null)
            {
                // No listener's context (culture, circuit) flows into the shared timer.
                using (ExecutionContext.SuppressFlow())
                {
                    timer = clock.CreateTimer(_ => Tick(), null, Period, Period);
                }
            }
        }

        return listener;
    }

    private void Remove(Listener listener)
    {
        ITimer? stopped = null;
        lock (gate)
        {
            if (listeners.Remove(listener))
            {
                current = [.. listeners];
                if (listeners.Count == 0)
                {
                    (stopped, timer) = (timer, null);
                }
            }
        }

        stopped?.Dispose();
    }

    private void Tick()
    {
        foreach (var listener in Volatile.Read(ref current))
        {
            listener.Run();
        }
    }

    private sealed class Listener(SecondTick owner, Action tick, ExecutionContext? context) : IDisposable
    {
        public void Run()
        {
            if (context is null)
            {
                tick();
            }
            else
            {
                ExecutionContext.Run(context, static state => ((Action)state!)(), tick);
            }
        }

        public void Dispose() => owner.Remove(this);
    }
}
