using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Liwater.Dashboard.Components.Shared;
using Liwater.Data.Statistics;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>
/// The schematic map of one snapshot on one layer: each community block's markup, and the overdue frames of the
/// pulsing layer over the map (see ScreenMap.razor) as one markup string.
/// </summary>
public sealed record SchematicMap(IReadOnlyList<CommunityMarkup> Communities, MarkupString Frames);

/// <summary>
/// A community block of the schematic map: its id, and its whole group — the block, name and tile count, and each
/// compound's tile (a group with the compound's id, class and fill around its rectangle, name and value) — as one
/// markup string.
/// </summary>
public sealed record CommunityMarkup(string Id, MarkupString Markup);

/// <summary>
/// The schematic map of one snapshot, built once per layer and language and shared by every screen circuit
/// (decision 0176). A circuit keeps one render frame per community block instead of the ~40 frames and number strings
/// of each tile, twice, and one markup frame for all the overdue frames. Replacing markup never restarts the pulse: it
/// runs on the layer element, not on the frames (decision 0181), so nothing inside a block needs to be an element.
/// </summary>
public static class SchematicMarkup
{
    // Keyed by the snapshot's compound list, which the shared reader hands to every screen (decision 0062): the
    // entries go when the snapshot does.
    private static readonly ConditionalWeakTable<IReadOnlyList<CompoundLayerData>, Entry> Cache = new();

    public static SchematicMap For(
        IReadOnlyList<CommunityRef> communities, IReadOnlyList<CompoundLayerData> compounds, MapLayer layer, IStringLocalizer<ScreenText> text)
    {
        var entry = Cache.GetValue(compounds, _ => new Entry(communities));
        if (!ReferenceEquals(entry.Communities, communities))
        {
            // Another list of communities with the same compounds (not the shared reader's way): build, do not cache.
            return Build(communities, compounds, layer, text);
        }

        return entry.Layers.GetOrAdd((layer, $"{CultureInfo.CurrentCulture.Name}|{CultureInfo.CurrentUICulture.Name}"), _ => Build(communities, compounds, layer, text));
    }

    internal static SchematicMap Build(
        IReadOnlyList<CommunityRef> communities, IReadOnlyList<CompoundLayerData> compounds, MapLayer layer, IStringLocalizer<ScreenText> text)
    {
        var maxHours = compounds.Count == 0 ? 0 : compounds.Max(c => c.VolunteerHoursMonth);
        var html = new StringBuilder();
        var arranged = SchematicLayout.Arrange(communities, compounds);
        IReadOnlyList<CommunityMarkup> blocks = [.. arranged.Select(block =>
        {
            var b = block.Block;
            html.Clear()
                .Append(CultureInfo.InvariantCulture, $"<g class=\"community\" data-community=\"{block.Community.Id}\">")
                .Append(CultureInfo.InvariantCulture, $"<rect class=\"community-block\" x=\"{N(b.X)}\" y=\"{N(b.Y)}\" width=\"{N(b.Width)}\" height=\"{N(b.Height)}\" rx=\"10\"></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"community-name\" x=\"{N(b.X + 14)}\" y=\"{N(b.Y + 33)}\">{E(block.Community.Name)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"community-count\" x=\"{N(b.X + b.Width - 14)}\" y=\"{N(b.Y + 33)}\" text-anchor=\"end\">{block.Tiles.Count}</text>");
            foreach (var tile in block.Tiles)
            {
                Tile(tile, layer, maxHours, text, html);
            }

            return new CommunityMarkup(block.Community.Id.ToString(CultureInfo.InvariantCulture), new MarkupString(html.Append("</g>").ToString()));
        })];

        html.Clear();
        foreach (var tile in arranged.SelectMany(block => block.Tiles).Where(tile => tile.Compound.Sla == SlaState.Overdue))
        {
            // 2 units inside the tile, so the 5-unit stroke stays within the gap between tiles.
            var b = tile.Box;
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"overdue-frame\" data-compound=\"{tile.Compound.Id}\" x=\"{N(b.X + 2)}\" y=\"{N(b.Y + 2)}\" width=\"{N(b.Width - 4)}\" height=\"{N(b.Height - 4)}\" rx=\"6\" fill=\"none\" stroke=\"{MapPalette.OverdueOutline}\" stroke-width=\"5\"></rect>");
        }

        return new SchematicMap(blocks, new MarkupString(html.ToString()));
    }

    /// <summary>Appends one compound's tile: its group (id, class, fill), rectangle, name lines and value line.</summary>
    private static void Tile(SchematicTile tile, MapLayer layer, double maxHours, IStringLocalizer<ScreenText> text, StringBuilder html)
    {
        var compound = tile.Compound;
        var fill = MapPalette.Fill(layer, compound, maxHours);
        var ink = MapPalette.TextOn(fill);
        var b = tile.Box;
        var centre = N(b.X + (b.Width / 2));
        var font = N(tile.FontSize);
        html.Append(CultureInfo.InvariantCulture, $"<g class=\"{TileClass(compound)}\" data-compound=\"{compound.Id}\" data-fill=\"{fill}\">")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(b.X)}\" y=\"{N(b.Y)}\" width=\"{N(b.Width)}\" height=\"{N(b.Height)}\" rx=\"6\" fill=\"{fill}\"></rect>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"tile-name\" text-anchor=\"middle\" font-size=\"{font}\" fill=\"{ink}\">");

        // Adjacent tspans, no whitespace between: the text content stays the compound's name.
        for (var l = 0; l < tile.NameLines.Count; l++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{centre}\" y=\"{N(tile.FirstBaseline + (l * tile.FontSize * SchematicLayout.LineHeight))}\">{E(tile.NameLines[l])}</tspan>");
        }

        html.Append("</text>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"tile-value\" x=\"{centre}\" y=\"{N(tile.ValueBaseline)}\" text-anchor=\"middle\" font-size=\"{font}\" fill=\"{ink}\">{E(Value(compound, layer, text))}");
        if (layer == MapLayer.PartyGrid && compound.CompleteGrid)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tspan class=\"tile-star\" fill=\"{MapPalette.CompleteGrid}\"> ★</tspan>");
        }

        html.Append("</text></g>");
    }

    /// <summary>The tile's value line on the layer: grid status, open cases, or volunteer hours this month.</summary>
    internal static string Value(CompoundLayerData compound, MapLayer layer, IStringLocalizer<ScreenText> text) => layer switch
    {
        MapLayer.PartyGrid => text[compound.Grid switch
        {
            Liwater.Data.Territory.GridStatus.OwnBranch => "LegendOwnBranch",
            Liwater.Data.Territory.GridStatus.JointBranch => "LegendJointBranch",
            _ => "LegendCommunityOnly",
        }],
        MapLayer.OpenCases => compound.OpenCases == 0 ? text["TileNoCases"] : string.Format(CultureInfo.CurrentCulture, text["TileCases"], FigureFormat.Count(compound.OpenCases)),
        _ => string.Format(CultureInfo.CurrentCulture, text["TileHours"], FigureFormat.Hours(compound.VolunteerHoursMonth)),
    };

    /// <summary>The class of a compound's group element on either map: "overdue" marks a compound with an overdue case.</summary>
    internal static string TileClass(CompoundLayerData compound) => compound.Sla == SlaState.Overdue ? "compound overdue" : "compound";

    internal static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private sealed class Entry(IReadOnlyList<CommunityRef> communities)
    {
        public IReadOnlyList<CommunityRef> Communities { get; } = communities;

        public ConcurrentDictionary<(MapLayer Layer, string Culture), SchematicMap> Layers { get; } = new();
    }
}
