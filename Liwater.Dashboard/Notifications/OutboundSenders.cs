using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Liwater.Dashboard.Notifications;

/// <summary>Sends one e-mail through the configured SMTP server with MailKit (a new conversation per message).</summary>
public sealed class EmailSender(IOptions<NotificationOptions> options)
{
    public async Task SendAsync(string to, string displayName, OutboundMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value.Email;
        using var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(o.FromName, o.From));
        mail.To.Add(new MailboxAddress(displayName, to));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Text };
        using var smtp = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        await smtp.ConnectAsync(o.Host, o.Port, o.Security, cancellationToken);
        if (!string.IsNullOrEmpty(o.Username))
        {
            await smtp.AuthenticateAsync(o.Username, o.Password, cancellationToken);
        }

        await smtp.SendAsync(mail, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// Posts a delivery's JSON to the configured webhook, signed: <c>X-Liwater-Signature: sha256=HEX</c> is the
/// HMAC-SHA256 with the configured secret of <c>{X-Liwater-Timestamp}.{body}</c> (unix seconds, so a receiver can
/// refuse replays); <c>X-Liwater-Delivery</c> is the delivery's key (the same on every retry, so a receiver can drop
/// duplicates). Any status but 2xx is a failure.
/// </summary>
public sealed class WebhookSender(HttpClient http, IOptions<NotificationOptions> options, TimeProvider clock)
{
    public const string SignatureHeader = "X-Liwater-Signature";
    public const string TimestampHeader = "X-Liwater-Timestamp";
    public const string DeliveryHeader = "X-Liwater-Delivery";

    public async Task SendAsync(string deliveryKey, OutboundMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value.Webhook;
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url)
        {
            Content = new StringContent(message.Json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(o.Secret, timestamp, message.Json));
        request.Headers.Add(DeliveryHeader, deliveryKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        using var response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Webhook answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }

    /// <summary>The signature header's value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
