namespace Liwater.Data.Access;

/// <summary>
/// The actor names the data layer stores for acts of no account (<c>case_events.actor</c> with no <c>user_id</c>): codes
/// the UI words in its reader's language (Resources/Localization/DataErrorText.tsv), like every other data-layer word
/// (decision 0180). An account's act stores the person's display name, which is data and shown as stored.
/// </summary>
[ErrorCodes]
public static class ActorNames
{
    /// <summary>The system acting on its own (automatic escalation, start-up seeding, jobs).</summary>
    public const string System = "actor.system";

    /// <summary>A resident through the QR channel.</summary>
    public const string Resident = "actor.resident";

    // What rows written before actor names were codes hold: stored values, not language of this code, read as the codes.
    private const string StoredSystem = "系统";
    private const string StoredResident = "居民";

    /// <summary>Every stored form of <see cref="System"/>, old rows' included (for a query that matches the system's own acts).</summary>
    public static IReadOnlyList<string> SystemStoredForms { get; } = [System, StoredSystem];

    /// <summary>
    /// The code of a stored actor name when it names no account (<paramref name="userId"/> null) and is one of the codes
    /// or their older stored forms; null for a person's name, which is shown as stored.
    /// </summary>
    public static string? CodeOf(string? actor, long? userId) =>
        userId is not null ? null : actor switch
        {
            System or StoredSystem => System,
            Resident or StoredResident => Resident,
            _ => null,
        };
}
