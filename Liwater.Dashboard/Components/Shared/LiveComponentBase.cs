using System.Globalization;
using Liwater.Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace Liwater.Dashboard.Components.Shared;

/// <summary>
/// The one way a page or panel follows live data (after Aspire.Dashboard's subscriptions). A component registers what
/// it follows with <see cref="Live(LiveFilter, Func{Task})"/> (the change feed) or
/// <see cref="Live{T}(ISharedReader{T}, Func{T, Task})"/> (a shared reader such as the screens' figures) while it
/// initialises; the subscriptions start after the first interactive render, never during prerendering, and end with
/// the component. Every delivery:
/// <list type="bullet">
/// <item>is coalesced (the feed by its window; a shared reader's values by keeping only the newest while one renders);</item>
/// <item>runs on the component's renderer through <c>InvokeAsync</c>, then re-renders;</item>
/// <item>runs in the culture the circuit had when the component subscribed: feed callbacks arrive on a thread pool
/// thread whose culture is the server's, and a render there would switch the page's language;</item>
/// <item>surfaces a failure with <c>DispatchExceptionAsync</c> (the error UI or an error boundary), not a log line.</item>
/// </list>
/// A change committed between the component's first read and its subscription is not lost: when the feed moved past
/// the id it stood at on registration, the component re-reads once on subscribing.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IHandleAfterRender, IDisposable
{
    private readonly Lock gate = new();
    private readonly List<Registration> registrations = [];
    private bool rendered;
    private bool started;
    private bool disposed;

    /// <summary>Gets the change feed (injected).</summary>
    [Inject]
    public required ILiveFeed Feed { get; init; }

    /// <summary>Gets the number of subscriptions running (for tests).</summary>
    internal int ActiveSubscriptions
    {
        get
        {
            lock (gate)
            {
                return registrations.Count(r => r.Subscription is not null);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="onChanged"/> (then re-renders) whenever changes matching <paramref name="filter"/> are
    /// committed anywhere. Dispose the handle to stop or replace it (a page whose route id changes).
    /// </summary>
    protected IDisposable Live(LiveFilter filter, Func<Task> onChanged)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(onChanged);
        var watermark = Feed.LastId;
        Registration? registration = null;
        registration = Register(() =>
        {
            var subscription = Feed.Subscribe(filter, _ => registration!.DispatchAsync(onChanged));
            if (Feed.LastId > watermark)
            {
                // Changes may have landed between the page's first read and now: read once more.
                _ = registration!.DispatchAsync(onChanged);
            }

            return subscription;
        });
        return registration;
    }

    /// <summary>
    /// Runs <paramref name="onValue"/> (then re-renders) with every new value of <paramref name="reader"/>; while one
    /// value renders, only the newest of those that arrive meanwhile is kept.
    /// </summary>
    protected IDisposable Live<T>(ISharedReader<T> reader, Func<T, Task> onValue)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onValue);
        Registration? registration = null;
        registration = Register(() =>
        {
            var latest = new Latest<T>(value => registration!.DispatchAsync(() => onValue(value)));
            var subscription = reader.Listen(latest.OfferAsync);
            if (reader.Current is { } current)
            {
                // A value read between the page's first read and now: render the newest.
                _ = latest.OfferAsync(current);
            }

            return subscription;
        });
        return registration;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops every subscription; derived components release their own resources in an override.</summary>
    protected virtual void Dispose(bool disposing)
    {
        Registration[] all;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            all = [.. registrations];
            registrations.Clear();
        }

        foreach (var registration in all)
        {
            registration.Stop();
        }
    }

    // ComponentBase implements this explicitly and only calls the virtual hooks; re-implementing it here starts the
    // subscriptions after the first render whether or not a derived page overrides OnAfterRender without calling base.
    Task IHandleAfterRender.OnAfterRenderAsync()
    {
        var firstRender = !rendered;
        rendered = true;
        if (firstRender)
        {
            Start();
        }

        OnAfterRender(firstRender);
        return OnAfterRenderAsync(firstRender);
    }

    private Registration Register(Func<IDisposable> subscribe)
    {
        var registration = new Registration(this, subscribe, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        bool startNow;
        lock (gate)
        {
            if (disposed)
            {
                return registration;
            }

            registrations.Add(registration);
            startNow = started;
        }

        if (startNow)
        {
            registration.Start();
        }

        return registration;
    }

    private void Start()
    {
        Registration[] pending;
        lock (gate)
        {
            if (started || disposed)
            {
                return;
            }

            started = true;
            pending = [.. registrations];
        }

        foreach (var registration in pending)
        {
            registration.Start();
        }
    }

    private void Remove(Registration registration)
    {
        lock (gate)
        {
            registrations.Remove(registration);
        }
    }

    private bool IsDisposed
    {
        get
        {
            lock (gate)
            {
                return disposed;
            }
        }
    }

    /// <summary>One subscription of the component, with the culture the circuit had when it was registered.</summary>
    private sealed class Registration(LiveComponentBase owner, Func<IDisposable> subscribe, CultureInfo culture, CultureInfo uiCulture) : IDisposable
    {
        private readonly Lock gate = new();
        private IDisposable? subscription;
        private bool stopped;

        public IDisposable? Subscription
        {
            get
            {
                lock (gate)
                {
                    return subscription;
                }
            }
        }

        public void Start()
        {
            var created = subscribe();
            lock (gate)
            {
                if (!stopped)
                {
                    subscription = created;
                    return;
                }
            }

            created.Dispose();
        }

        public Task DispatchAsync(Func<Task> work)
        {
            if (IsStopped)
            {
                return Task.CompletedTask;
            }

            return owner.InvokeAsync(async () =>
            {
                if (IsStopped || owner.IsDisposed)
                {
                    return;
                }

                var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
                try
                {
                    await work();
                    if (!IsStopped && !owner.IsDisposed)
                    {
                        owner.StateHasChanged();
                    }
                }
                catch (Exception e) when (!owner.IsDisposed)
                {
                    await owner.DispatchExceptionAsync(e);
                }
                finally
                {
                    CultureInfo.CurrentCulture = previous;
                    CultureInfo.CurrentUICulture = previousUi;
                }
            });
        }

        public void Stop()
        {
            IDisposable? toDispose;
            lock (gate)
            {
                stopped = true;
                toDispose = subscription;
                subscription = null;
            }

            toDispose?.Dispose();
        }

        public void Dispose()
        {
            Stop();
            owner.Remove(this);
        }

        private bool IsStopped
        {
            get
            {
                lock (gate)
                {
                    return stopped;
                }
            }
        }
    }

    /// <summary>Hands values on one at a time; values that arrive while one is handled collapse into the newest.</summary>
    private sealed class Latest<T>(Func<T, Task> handle)
        where T : class
    {
        private readonly Lock gate = new();
        private T? pending;
        private bool running;

        public async Task OfferAsync(T value)
        {
            lock (gate)
            {
                if (running)
                {
                    pending = value;
                    return;
                }

                running = true;
            }

            var next = value;
            while (true)
            {
                try
                {
                    await handle(next);
                }
                catch
                {
                    lock (gate)
                    {
                        (running, pending) = (false, null);
                    }

                    throw;
                }

                lock (gate)
                {
                    if (pending is null)
                    {
                        running = false;
                        return;
                    }

                    (next, pending) = (pending, null);
                }
            }
        }
    }
}
