using System.Net.Mail;
using Liwater.Dashboard.Extensions;
using MailKit.Security;

namespace Liwater.Dashboard.Notifications;

/// <summary>Settings under <c>Liwater:Notifications</c>: the reader, the outbound channels and their retries (docs/notifications.md).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Liwater:Notifications";

    /// <summary>Gets or sets whether the notification reader runs (the bell then stays at what is stored). Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how often the reader looks at the change log without a wake-up, in seconds. Defaults to 5.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Gets or sets how many notifications the bell's panel lists. Defaults to 8.</summary>
    public int BellSize { get; set; } = 8;

    /// <summary>Gets or sets how many attempts an outbound delivery gets before it is marked failed. Defaults to 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets the wait before the second attempt, in seconds; each later wait doubles. Defaults to 30.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>Gets or sets after how many minutes a delivery claimed by a sender that died is sent again. Defaults to 10.</summary>
    public int StaleClaimMinutes { get; set; } = 10;

    /// <summary>Gets or sets when the daily digest is sent (cron, town time zone). Defaults to 08:00 every day.</summary>
    public string DigestCron { get; set; } = "0 8 * * *";

    /// <summary>Gets or sets the culture outbound messages are written in. Defaults to zh-CN.</summary>
    public string Culture { get; set; } = "zh-CN";

    /// <summary>Gets or sets the address links in e-mails and webhooks start with (e.g. https://liwater.example.cn). Empty: no link.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Gets the SMTP settings.</summary>
    public EmailOptions Email { get; } = new();

    /// <summary>Gets the JSON webhook settings.</summary>
    public WebhookOptions Webhook { get; } = new();

    /// <summary>The outbound channels this deployment sends.</summary>
    public IReadOnlySet<string> OutboundChannels => new HashSet<string>(
        [.. Email.Enabled ? [Data.Notifications.NotificationChannels.Email] : Array.Empty<string>(),
         .. Webhook.Enabled ? [Data.Notifications.NotificationChannels.Webhook] : Array.Empty<string>()],
        StringComparer.Ordinal);

    public long RetryBaseMs => (long)(RetryBaseSeconds * 1000);

    public IEnumerable<string> Validate(string section)
    {
        foreach (var e in OptionsValidation.AtLeast(section, nameof(PollSeconds), PollSeconds, 1)
            .Concat(OptionsValidation.AtLeast(section, nameof(BellSize), BellSize, 1))
            .Concat(OptionsValidation.AtLeast(section, nameof(MaxAttempts), MaxAttempts, 1))
            .Concat(OptionsValidation.Positive(section, nameof(RetryBaseSeconds), RetryBaseSeconds))
            .Concat(OptionsValidation.AtLeast(section, nameof(StaleClaimMinutes), StaleClaimMinutes, 1)))
        {
            yield return e;
        }

        if (!IsCron(DigestCron))
        {
            yield return $"{section}:DigestCron is '{DigestCron}'; it must be a cron expression such as '0 8 * * *' (08:00 every day).";
        }

        if (!IsCulture(Culture))
        {
            yield return $"{section}:Culture is '{Culture}'; use zh-CN or en.";
        }

        if (!string.IsNullOrEmpty(PublicBaseUrl) && !IsHttpUrl(PublicBaseUrl))
        {
            yield return $"{section}:PublicBaseUrl is '{PublicBaseUrl}'; it must be an absolute http(s) address or empty.";
        }

        foreach (var e in Email.Validate(section + ":Email").Concat(Webhook.Validate(section + ":Webhook")))
        {
            yield return e;
        }
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    // Hangfire parses cron itself (its parser is internal); this catches the usual mistakes before start-up instead of
    // at job registration: five or six fields of cron characters.
    private static bool IsCron(string value) =>
        value.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 5 or 6 } fields
        && fields.All(f => f.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '*' or '/' or ',' or '-' or '?' or '#'));

    private static bool IsCulture(string value) => value is "zh-CN" or "en";
}

/// <summary>Settings under <c>Liwater:Notifications:Email</c>: SMTP through MailKit. Off by default.</summary>
public sealed class EmailOptions
{
    /// <summary>Gets or sets whether e-mail is sent. Defaults to false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the SMTP server's host name.</summary>
    public string Host { get; set; } = "";

    /// <summary>Gets or sets the SMTP port. Defaults to 587 (submission with STARTTLS).</summary>
    public int Port { get; set; } = 587;

    /// <summary>Gets or sets the transport security: None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect. Defaults to StartTls.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Gets or sets the account name (empty: no authentication).</summary>
    public string Username { get; set; } = "";

    /// <summary>Gets or sets the account's password: a secret, set it from the environment (Liwater__Notifications__Email__Password).</summary>
    public string Password { get; set; } = "";

    /// <summary>Gets or sets the sender address.</summary>
    public string From { get; set; } = "";

    /// <summary>Gets or sets the sender's display name. Defaults to 里水镇综合治理.</summary>
    public string FromName { get; set; } = "里水镇综合治理";

    /// <summary>Gets or sets how long one SMTP conversation may take, in seconds. Defaults to 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public IEnumerable<string> Validate(string section)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return $"{section}:Host is empty; set the SMTP server's host name (or {section}:Enabled = false).";
        }

        if (Port is < 1 or > 65535)
        {
            yield return $"{section}:Port is {Port}; it must be between 1 and 65535.";
        }

        if (!MailAddress.TryCreate(From, out _))
        {
            yield return $"{section}:From is '{From}'; it must be an e-mail address such as liwater@example.cn.";
        }

        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
        {
            yield return $"{section}:Password is empty while {section}:Username is set; set it from the environment ({section.Replace(":", "__", StringComparison.Ordinal)}__Password).";
        }

        if (TimeoutSeconds < 1)
        {
            yield return $"{section}:TimeoutSeconds is {TimeoutSeconds}; it must be at least 1.";
        }
    }
}

/// <summary>Settings under <c>Liwater:Notifications:Webhook</c>: a generic JSON webhook with an HMAC-signed body. Off by default.</summary>
public sealed class WebhookOptions
{
    public const int MinSecretLength = 16;

    /// <summary>Gets or sets whether the webhook is called. Defaults to false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the address the JSON is posted to.</summary>
    public string Url { get; set; } = "";

    /// <summary>Gets or sets the HMAC-SHA256 key of the signature header: a secret, set it from the environment (Liwater__Notifications__Webhook__Secret).</summary>
    public string Secret { get; set; } = "";

    /// <summary>Gets or sets how long one call may take, in seconds. Defaults to 10.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public IEnumerable<string> Validate(string section)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!NotificationOptions.IsHttpUrl(Url))
        {
            yield return $"{section}:Url is '{Url}'; it must be an absolute http(s) address.";
        }

        if (Secret.Length < MinSecretLength)
        {
            yield return $"{section}:Secret has {Secret.Length} characters; it needs at least {MinSecretLength}. Set it from the environment ({section.Replace(":", "__", StringComparison.Ordinal)}__Secret).";
        }

        if (TimeoutSeconds < 1)
        {
            yield return $"{section}:TimeoutSeconds is {TimeoutSeconds}; it must be at least 1.";
        }
    }
}
