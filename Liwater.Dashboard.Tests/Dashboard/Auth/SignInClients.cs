using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Liwater.Dashboard.Tests.Dashboard.Auth;

/// <summary>
/// Browsers-without-a-browser for sign-in tests: each client connects from its own loopback address (127.0.0.x), so the
/// app sees distinct clients exactly as it would on a network, with its own cookies and antiforgery token.
/// </summary>
public sealed partial class SignInClient : IDisposable
{
    private readonly HttpClient client;
    private string? token;

    public SignInClient(Uri baseAddress, int lastOctet)
    {
        Address = IPAddress.Parse($"127.0.0.{lastOctet}");
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = Cookies,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(Address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        client = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public IPAddress Address { get; }

    /// <summary>Gets the client's cookies (for a SignalR client that should connect as the same user).</summary>
    public CookieContainer Cookies { get; } = new();

    public HttpClient Http => client;

    /// <summary>Posts the login form (fetching the form's antiforgery token first).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username, string password, string returnUrl = "/")
    {
        token ??= await TokenAsync("/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Username"] = username, ["Password"] = password, ["ReturnUrl"] = returnUrl,
        }));
    }

    public async Task<string> TokenAsync(string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in " + path);
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
