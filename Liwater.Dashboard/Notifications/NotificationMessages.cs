using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Data.Database;
using Liwater.Data.Notifications;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Notifications;

/// <summary>An outbound message: the subject and the plain text, and the JSON body of a webhook call.</summary>
public sealed record OutboundMessage(string Subject, string Text, string Json);

/// <summary>
/// Words what a delivery carries, in <see cref="NotificationOptions.Culture"/> (outbound messages are read away from
/// the app, so not in a page's language): the kind, the case code and title, the mark, the time and a link. The
/// bell and the browser use the same words (<see cref="Title"/>).
/// </summary>
public sealed class NotificationMessages(
    IStringLocalizer<NotificationText> text, IStringLocalizer<CasesText> marks, TownClock clock, IOptions<NotificationOptions> options)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The one-line title of a notification in the current UI culture: "时限将到：LS-2026-0001 标题".</summary>
    public string Title(string kind, string summary) => string.Format(CultureInfo.CurrentCulture, text["TitleFormat"], text["Kind_" + kind], summary);

    /// <summary>The second line: the mark when there is one, else empty.</summary>
    public string Detail(string? mark) => mark is null ? "" : string.Format(CultureInfo.CurrentCulture, text["MarkFormat"], marks["Mark_" + mark]);

    /// <summary>The case page's address (absolute when a public base address is set).</summary>
    public string CaseLink(long caseId) => (options.Value.PublicBaseUrl.TrimEnd('/')) + "/cases/" + caseId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The message of one delivery (a notification, or a digest of <paramref name="digest"/>).</summary>
    public OutboundMessage Render(DeliveryRow delivery, IReadOnlyList<NotificationRow> digest)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(options.Value.Culture);
        try
        {
            return delivery.Kind == NotificationKinds.Digest ? RenderDigest(delivery, digest) : RenderOne(delivery);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private OutboundMessage RenderOne(DeliveryRow d)
    {
        var title = Title(d.Kind, d.Summary ?? "");
        var lines = new List<string> { title };
        if (Detail(d.Mark) is { Length: > 0 } detail)
        {
            lines.Add(detail);
        }

        var at = clock.ToLocal(d.NotifiedAt ?? d.CreatedAt);
        lines.Add(string.Format(CultureInfo.CurrentCulture, text["AtFormat"], at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        var link = d.CaseId is { } caseId ? CaseLink(caseId) : null;
        if (link is not null && options.Value.PublicBaseUrl.Length > 0)
        {
            lines.Add(string.Format(CultureInfo.CurrentCulture, text["LinkFormat"], link));
        }

        var body = string.Join("\n", lines);
        var subject = string.Format(CultureInfo.CurrentCulture, text["SubjectFormat"], title);
        var json = JsonSerializer.Serialize(
            new WebhookBody(
                d.DedupeKey, d.Kind, at.ToString("O", CultureInfo.InvariantCulture),
                new WebhookRecipient(d.Username, d.DisplayName),
                d.CaseId is { } id ? new WebhookCase(id, d.Summary ?? "", d.Mark, link) : null,
                body, "text", new WebhookText(body)),
            Json);
        return new OutboundMessage(subject, body, json);
    }

    private OutboundMessage RenderDigest(DeliveryRow d, IReadOnlyList<NotificationRow> items)
    {
        var day = clock.ToLocal(d.CreatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var subject = string.Format(CultureInfo.CurrentCulture, text["DigestSubject"], day, items.Count);
        var body = new StringBuilder();
        body.AppendLine(subject);
        foreach (var n in items)
        {
            var at = clock.ToLocal(n.CreatedAt).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
            body.Append(at).Append("  ").AppendLine(Title(n.Kind, n.Summary));
        }

        var content = body.ToString().TrimEnd();
        var json = JsonSerializer.Serialize(
            new WebhookBody(d.DedupeKey, "digest", clock.ToLocal(d.CreatedAt).ToString("O", CultureInfo.InvariantCulture),
                new WebhookRecipient(d.Username, d.DisplayName), null, content, "text", new WebhookText(content)),
            Json);
        return new OutboundMessage(subject, content, json);
    }

    /// <summary>
    /// The webhook's JSON: Liwater's own fields, plus <c>msgtype</c>/<c>text.content</c> so that a WeCom or DingTalk
    /// group robot posts the text as it is.
    /// </summary>
    private sealed record WebhookBody(string Id, string Kind, string At, WebhookRecipient Recipient, WebhookCase? Case, string Summary, string Msgtype, WebhookText Text);

    private sealed record WebhookRecipient(string Username, string DisplayName);

    private sealed record WebhookCase(long Id, string Title, string? Mark, string? Url);

    private sealed record WebhookText(string Content);
}
