using System.Collections.Frozen;
using MudBlazor;

namespace Liwater.Dashboard.Components.Shared;

/// <summary>
/// The classes of a small MudChip, for chips that only show text (a status, a deadline, a breach count): drawn as
/// MudChip draws them (<c>div.mud-chip-container &gt; div.mud-chip &gt; span.mud-chip-content</c>) but without a
/// component each, which a 25-row list would otherwise hold 50 times per circuit (decision 0178). The class strings
/// are built once and shared.
/// </summary>
public static class Chips
{
    private static readonly FrozenDictionary<(Variant, Color), string> Classes =
        (from variant in Enum.GetValues<Variant>()
         from color in Enum.GetValues<Color>()
         select (variant, color))
        .ToFrozenDictionary(
            k => k,
            k => $"mud-chip mud-chip-{k.variant.ToString().ToLowerInvariant()} mud-chip-size-small mud-chip-color-{k.color.ToString().ToLowerInvariant()}");

    /// <summary>The classes of a small chip of that variant and colour (MudChip's default variant is filled).</summary>
    public static string Small(Color color, Variant variant = Variant.Filled) => Classes[(variant, color)];
}
