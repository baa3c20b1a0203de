namespace Liwater.Data.Notifications;

/// <summary>What a notification is about; the UI words each as <c>Kind_{kind}</c>.</summary>
public static class NotificationKinds
{
    /// <summary>A new case in the compounds or community I work.</summary>
    public const string CaseOpened = "case_opened";

    /// <summary>A deadline mark of a case I work falls due within the lead time (Liwater:Field:DueSoonMinutes).</summary>
    public const string DueSoon = "due_soon";

    /// <summary>A deadline mark of a case I work passed unmet.</summary>
    public const string Breached = "breached";

    /// <summary>A case was escalated (or returned) to the level I work.</summary>
    public const string Escalated = "escalated";

    /// <summary>A joint-meeting decision or a council result on a case I work or worked.</summary>
    public const string Decision = "decision";

    /// <summary>A case was assigned to me by name.</summary>
    public const string Assigned = "assigned";

    /// <summary>A delivery that bundles a day of notifications (not a kind of notification itself).</summary>
    public const string Digest = "digest";

    public static readonly IReadOnlyList<string> All = [CaseOpened, DueSoon, Breached, Escalated, Decision, Assigned];
}

/// <summary>Where a notification goes; in-app is the bell, browser the Notification API while a page is open.</summary>
public static class NotificationChannels
{
    public const string InApp = "in_app";
    public const string Browser = "browser";
    public const string Email = "email";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All = [InApp, Browser, Email, Webhook];

    /// <summary>The channels sent by the delivery jobs (the outbox).</summary>
    public static readonly IReadOnlyList<string> Outbound = [Email, Webhook];

    /// <summary>A channel's default when the user has not chosen: in-app and browser on, outbound channels off.</summary>
    public static bool DefaultEnabled(string channel) => channel is InApp or Browser;
}

/// <summary>The states of an outbound delivery.</summary>
public static class DeliveryStatuses
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Sending, Sent, Failed];
}

/// <summary>One in-app notification of one user.</summary>
public sealed record NotificationRow
{
    public long Id { get; init; }
    public long ChangeId { get; init; }
    public long UserId { get; init; }
    public string Kind { get; init; } = "";
    public long? CaseId { get; init; }
    public string? Mark { get; init; }
    public string Summary { get; init; } = "";
    public long CreatedAt { get; init; }
    public long? ReadAt { get; init; }
}

/// <summary>The bell's view: the unread count and the newest notifications.</summary>
public sealed record NotificationInbox(int Unread, IReadOnlyList<NotificationRow> Latest);

/// <summary>An account as the recipient rule sees it (read from users and user_compounds).</summary>
public sealed record Recipient
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public long? CommunityId { get; init; }
    public bool IsActive { get; init; } = true;

    /// <summary>Gets a steward's compound ids, comma-separated (null for other roles).</summary>
    public string? CompoundList { get; init; }

    /// <summary>The account as the case rules see a user, so "may read this case" stays <see cref="Cases.CaseAccess"/>'s rule.</summary>
    public ActingUser AsUser() => new()
    {
        Id = Id,
        Username = Username,
        DisplayName = DisplayName,
        Role = Role,
        CommunityId = CommunityId,
        CompoundIds = string.IsNullOrEmpty(CompoundList) ? [] : [.. CompoundList.Split(',').Select(x => long.Parse(x, System.Globalization.CultureInfo.InvariantCulture))],
    };
}

/// <summary>
/// The facts of one case event that decide who is told: the case's place, the level the event concerns (the level
/// escalated or returned to, else the case's), its named assignee, everyone who recorded work on it, and who acted.
/// </summary>
public sealed record CaseEventFacts
{
    public long CaseId { get; init; }
    public long CommunityId { get; init; }
    public long CompoundId { get; init; }
    public string Level { get; init; } = "";
    public string SourceChannel { get; init; } = "";
    public long? AssigneeId { get; init; }

    /// <summary>Gets the accounts that recorded a timeline event on the case ("a case I work").</summary>
    public IReadOnlySet<long> Workers { get; init; } = new HashSet<long>();

    /// <summary>Gets the account that caused the event (not told about its own act), or null for the system.</summary>
    public long? ActorId { get; init; }
}

/// <summary>A user's choice of channels per kind, e-mail address and digest.</summary>
public sealed record NotificationPreferences
{
    public long UserId { get; init; }
    public string? Email { get; init; }
    public bool Digest { get; init; }

    /// <summary>Gets the explicit choices, keyed "kind/channel"; a missing key is <see cref="NotificationChannels.DefaultEnabled"/>.</summary>
    public IReadOnlyDictionary<string, bool> Choices { get; init; } = new Dictionary<string, bool>();

    public bool IsOn(string kind, string channel) =>
        Choices.TryGetValue(Key(kind, channel), out var on) ? on : NotificationChannels.DefaultEnabled(channel);

    public static string Key(string kind, string channel) => kind + "/" + channel;
}

/// <summary>One outbound delivery as the ops page and the sending job see it.</summary>
public sealed record DeliveryRow
{
    public long Id { get; init; }
    public string DedupeKey { get; init; } = "";
    public long? NotificationId { get; init; }
    public long UserId { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? Email { get; init; }
    public string Channel { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public long Attempts { get; init; }
    public long NextAttemptAt { get; init; }
    public string? LastError { get; init; }
    public long CreatedAt { get; init; }
    public long? SentAt { get; init; }

    // The notification's facts (null for a digest).
    public long? CaseId { get; init; }
    public string? Mark { get; init; }
    public string? Summary { get; init; }
    public long? ChangeId { get; init; }
    public long? NotifiedAt { get; init; }
}

/// <summary>The ops page's counts by status.</summary>
public sealed record DeliveryCounts(long Pending, long Sending, long Sent, long Failed);

/// <summary>What a failed attempt led to: another attempt at <see cref="RetryAt"/>, or given up (null).</summary>
public sealed record DeliveryFailure(long Attempts, long? RetryAt);

/// <summary>What one pass of the notification reader produced.</summary>
public sealed record NotificationBatch(int ChangesRead, int Notifications, IReadOnlyList<long> Deliveries)
{
    public static readonly NotificationBatch Empty = new(0, 0, []);
}
