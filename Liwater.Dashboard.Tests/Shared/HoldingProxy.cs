using System.Net;
using System.Net.Sockets;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// A TCP proxy on 127.0.0.1 between a client (Chromium, a hub client) and the app, able to fail the way real links
/// do: <see cref="Hold"/> stops forwarding bytes in both directions without closing anything (a link that holds
/// packets: no reset, no FIN, connections stay "open"), <see cref="Release"/> lets them flow again, and
/// <see cref="ResetAll"/> drops every connection at once (a reset). New connections made while holding are accepted
/// but carry nothing until released.
/// </summary>
public sealed class HoldingProxy : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<(TcpClient Client, TcpClient Upstream)> pairs = [];
    private readonly Task accepting;
    private TaskCompletionSource flowing = NewOpen();

    public HoldingProxy(Uri target)
    {
        Target = target;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>Gets the app's address the proxy forwards to; settable so the proxy can outlive an app restart.</summary>
    public Uri Target { get; set; }

    /// <summary>Gets the proxy's own address (same scheme and path base as the target).</summary>
    public Uri Address => new UriBuilder(Target) { Port = ((IPEndPoint)listener.LocalEndpoint).Port }.Uri;

    /// <summary>Gets or sets whether new connections are closed at once (the app is unreachable: a reset, not a hold).</summary>
    public bool Refusing { get; set; }

    /// <summary>Gets whether traffic is held.</summary>
    public bool Holding => !flowing.Task.IsCompleted;

    /// <summary>Stops moving bytes; nothing is closed.</summary>
    public void Hold()
    {
        lock (gate)
        {
            if (flowing.Task.IsCompleted)
            {
                flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Moves bytes again, including everything sent while held.</summary>
    public void Release()
    {
        lock (gate)
        {
            flowing.TrySetResult();
        }
    }

    /// <summary>Closes every connection now (both sides see the reset).</summary>
    public void ResetAll()
    {
        lock (gate)
        {
            foreach (var (client, upstream) in pairs)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                upstream.Dispose();
            }

            pairs.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        Release();
        ResetAll();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private static TaskCompletionSource NewOpen()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private Task Flowing()
    {
        lock (gate)
        {
            return flowing.Task;
        }
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        if (Refusing)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            upstream.Dispose();
            return;
        }

        try
        {
            await Flowing().WaitAsync(stop.Token);
            await upstream.ConnectAsync(Target.Host, Target.Port, stop.Token);
            lock (gate)
            {
                pairs.Add((client, upstream));
            }

            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(PumpAsync(a, b), PumpAsync(b, a));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other side went away, or the proxy was reset or stopped.
        }
        finally
        {
            lock (gate)
            {
                pairs.Remove((client, upstream));
            }

            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            await Flowing().WaitAsync(stop.Token);
            var read = await from.ReadAsync(buffer, stop.Token);
            if (read == 0)
            {
                return;
            }

            // A read that was already waiting when the link was held must not slip through: hold it here.
            await Flowing().WaitAsync(stop.Token);
            await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
        }
    }
}
