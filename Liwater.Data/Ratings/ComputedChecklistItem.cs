using System.Text.Json;

namespace Liwater.Data.Ratings;

/// <summary>
/// The figures a computed checklist item came from (the unit's service record for the period when the sheet was
/// saved): deadline marks met of those due, reopenings of resolved cases, "not satisfied" of all confirmations, and
/// cases escalated past the compound. Stored as JSON in <c>assessment_score_items.computed_from</c>.
/// </summary>
public sealed record ComputedItemSource
{
    public long SlaMet { get; init; }
    public long SlaDue { get; init; }
    public long Reopened { get; init; }
    public long Resolved { get; init; }
    public long Dissatisfied { get; init; }
    public long Confirmations { get; init; }
    public long EscalatedPastCompound { get; init; }

    /// <summary>Gets when the figures were read (UTC unix milliseconds).</summary>
    public long AsOf { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>The stored figures, or null for an item the assessor scored (or a row this version cannot read).</summary>
    public static ComputedItemSource? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ComputedItemSource>(json, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>A checklist item's points computed from the service record, with what they came from.</summary>
public sealed record ComputedItemScore(string Code, double Points, ComputedItemSource Source);

/// <summary>
/// Computes one checklist item of a score sheet from the unit's record instead of the assessor (the reports work's
/// service record, <c>Liwater:Reports:ComputeServiceChecklistItem</c>). The seam keeps the ratings rules free of the
/// report queries; <see cref="None"/> is "every item is scored by the assessors" (the source's way, the default).
/// </summary>
public interface IComputedChecklistItem
{
    /// <summary>Gets the code of the computed item, or null when no item is computed.</summary>
    string? ItemCode { get; }

    /// <summary>The item's points for the unit and period; null when off, or when the record holds no data (then the
    /// assessor scores the item).</summary>
    Task<ComputedItemScore?> ScoreAsync(long unitId, int year, int quarter, CancellationToken cancellationToken = default);

    /// <summary>Gets the implementation that computes nothing.</summary>
    static IComputedChecklistItem None { get; } = new NoComputedItem();

    private sealed class NoComputedItem : IComputedChecklistItem
    {
        public string? ItemCode => null;

        public Task<ComputedItemScore?> ScoreAsync(long unitId, int year, int quarter, CancellationToken cancellationToken = default) =>
            Task.FromResult<ComputedItemScore?>(null);
    }
}
