using Liwater.Data.Changes;

namespace Liwater.Dashboard.Live;

/// <summary>
/// Which changes a subscriber wants: some kinds (all when null) in one community (the whole town when null).
/// Changes that belong to no community (a published rating) reach every subscriber. <see cref="Entity"/> and
/// <see cref="EntityId"/> narrow it to one record (a case page follows its one case).
/// </summary>
public sealed record LiveFilter(IReadOnlySet<string>? Kinds = null, long? CommunityId = null)
{
    public static readonly LiveFilter Everything = new();

    /// <summary>Gets the entity the changes must be about ("case"), or null for any.</summary>
    public string? Entity { get; init; }

    /// <summary>Gets the id of that entity, or null for any.</summary>
    public long? EntityId { get; init; }

    public static LiveFilter OfKinds(params IEnumerable<string> kinds) => new(kinds.ToHashSet(StringComparer.Ordinal));

    public bool Matches(ChangeEntry entry) =>
        (Kinds is null || Kinds.Contains(entry.Kind))
        && (CommunityId is null || entry.CommunityId is null || entry.CommunityId == CommunityId)
        && (Entity is null || string.Equals(entry.Entity, Entity, StringComparison.Ordinal))
        && (EntityId is null || entry.EntityId == EntityId);
}
