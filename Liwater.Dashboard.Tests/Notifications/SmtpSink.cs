using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Liwater.Dashboard.Tests.Notifications;

/// <summary>
/// A local SMTP server that speaks just enough of RFC 5321 for MailKit (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, no
/// TLS, no auth) and keeps every accepted message. <see cref="FailNext"/> makes the next DATA be refused with a
/// temporary error (451), as a busy server would.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int failNext;

    public SmtpSink()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Gets the accepted messages: envelope recipients and the raw data (dot-unstuffed).</summary>
    public ConcurrentQueue<(IReadOnlyList<string> To, string Data)> Messages { get; } = new();

    /// <summary>Gets how many SMTP conversations were opened.</summary>
    public int Sessions => sessions;

    private int sessions;

    /// <summary>Refuses the next <paramref name="count"/> messages at DATA with "451 try again later".</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failNext, count);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            Interlocked.Increment(ref sessions);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 1024, leaveOpen: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test sink");
        var to = new List<string>();
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    await writer.WriteLineAsync("250-8BITMIME");
                    await writer.WriteLineAsync("250 SMTPUTF8");
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 localhost");
                    break;
                case "MAIL":
                    to.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    to.Add(line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)]);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(stop.Token) is { } d && d != ".")
                    {
                        data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                    }

                    if (Interlocked.Decrement(ref failNext) >= 0)
                    {
                        await writer.WriteLineAsync("451 4.3.0 Try again later");
                    }
                    else
                    {
                        Messages.Enqueue(([.. to], data.ToString()));
                        await writer.WriteLineAsync("250 OK queued");
                    }

                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }
}
