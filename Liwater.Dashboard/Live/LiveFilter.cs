using Liwater.Data.Changes;

namespace Liwater.Dashboard.Live;

/// <summary>
/// Which changes a subscriber wants: some kinds (all when null) in one community (the whole town when null).
/// Changes that belong to no community (a published rating) reach every subscriber.
/// </summary>
public sealed record LiveFilter(IReadOnlySet<string>? Kinds = null, long? CommunityId = null)
{
    public static readonly LiveFilter Everything = new();

    public static LiveFilter OfKinds(params string[] kinds) => new(kinds.ToHashSet(StringComparer.Ordinal));

    public bool Matches(ChangeEntry entry) =>
        (Kinds is null || Kinds.Contains(entry.Kind))
        && (CommunityId is null || entry.CommunityId is null || entry.CommunityId == CommunityId);
}
