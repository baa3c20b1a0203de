namespace Liwater.Dashboard.Live;

/// <summary>Settings of the live spine under <c>Liwater:Live</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "Liwater:Live";

    /// <summary>Gets or sets the shortest gap between two deliveries to one Blazor subscription. Defaults to 250 ms,
    /// so a screen renders at most four times a second however many changes arrive.</summary>
    public int CoalesceMilliseconds { get; set; } = 250;

    /// <summary>Gets or sets how often the feed reads the change log without being signalled, to pick up rows written
    /// by another process (a tool, another node) when no wake-up came (on PostgreSQL every commit wakes every node
    /// through LISTEN/NOTIFY; this poll is the fallback). Defaults to 5 s.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Gets or sets how many changes a reconnecting hub client may have missed and still be replayed;
    /// beyond it the client gets "resync". Defaults to 1000.</summary>
    public int MaxReplay { get; set; } = 1000;

    /// <summary>Gets or sets how many messages may wait for one hub client before it counts as unable to keep up and
    /// is disconnected (it resumes by id when it reconnects). Never less than <see cref="MaxReplay"/> + 1000.
    /// Defaults to 5000.</summary>
    public int HubOutboxCapacity { get; set; } = 5000;
}
