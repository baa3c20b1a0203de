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

/// <summary>A community block of the schematic map: its id, and the block, name and tile count as one markup string.</summary>
public sealed record CommunityMarkup(string Id, MarkupString Header, IReadOnlyList<TileMarkup> Tiles);

/// <summary>
/// One compound's tile on one layer: what the tile's group element carries, its fill rectangle, name and value as one
/// markup string, and the overdue frame's box (the frame stays a rendered element: see <see cref="SchematicMarkup"/>).
/// </summary>
public sealed record TileMarkup(string Id, string Class, string Fill, MarkupString Body, bool Overdue, string FrameX, string FrameY, string FrameWidth, string FrameHeight);

/// <summary>
/// The schematic map of one snapshot, built once per layer and language and shared by every screen circuit
/// (decision 0176). A circuit keeps only a handful of render frames per tile — the tile's group, one markup frame,
/// and the overdue frame where there is one — instead of the ~40 frames and number strings of each tile, twice.
/// The overdue frame is a real element beside the markup: when a tile's value or the layer changes only the markup
/// is replaced, so the frame's CSS pulse runs on without restarting.
/// </summary>
public static class SchematicMarkup
{
    // Keyed by the snapshot's compound list, which the shared reader hands to every screen (decision 0062): the
    // entries go when the snapshot does.
    private static readonly ConditionalWeakTable<IReadOnlyList<CompoundLayerData>, Entry> Cache = new();

    public static IReadOnlyList<CommunityMarkup> For(
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

    internal static IReadOnlyList<CommunityMarkup> Build(
        IReadOnlyList<CommunityRef> communities, IReadOnlyList<CompoundLayerData> compounds, MapLayer layer, IStringLocalizer<ScreenText> text)
    {
        var maxHours = compounds.Count == 0 ? 0 : compounds.Max(c => c.VolunteerHoursMonth);
        var html = new StringBuilder();
        return [.. SchematicLayout.Arrange(communities, compounds).Select(block =>
        {
            var b = block.Block;
            html.Clear()
                .Append(CultureInfo.InvariantCulture, $"<rect class=\"community-block\" x=\"{N(b.X)}\" y=\"{N(b.Y)}\" width=\"{N(b.Width)}\" height=\"{N(b.Height)}\" rx=\"10\"></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"community-name\" x=\"{N(b.X + 14)}\" y=\"{N(b.Y + 33)}\">{E(block.Community.Name)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"community-count\" x=\"{N(b.X + b.Width - 14)}\" y=\"{N(b.Y + 33)}\" text-anchor=\"end\">{block.Tiles.Count}</text>");
            var header = new MarkupString(html.ToString());
            return new CommunityMarkup(
                block.Community.Id.ToString(CultureInfo.InvariantCulture),
                header,
                [.. block.Tiles.Select(tile => Tile(tile, layer, maxHours, text, html))]);
        })];
    }

    private static TileMarkup Tile(SchematicTile tile, MapLayer layer, double maxHours, IStringLocalizer<ScreenText> text, StringBuilder html)
    {
        var compound = tile.Compound;
        var fill = MapPalette.Fill(layer, compound, maxHours);
        var ink = MapPalette.TextOn(fill);
        var b = tile.Box;
        var centre = N(b.X + (b.Width / 2));
        var font = N(tile.FontSize);
        html.Clear()
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

        html.Append("</text>");
        var overdue = compound.Sla == SlaState.Overdue;
        return new TileMarkup(
            compound.Id.ToString(CultureInfo.InvariantCulture),
            overdue ? "compound overdue" : "compound",
            fill,
            new MarkupString(html.ToString()),
            overdue,
            N(b.X + 2),
            N(b.Y + 2),
            N(b.Width - 4),
            N(b.Height - 4));
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

    internal static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private sealed class Entry(IReadOnlyList<CommunityRef> communities)
    {
        public IReadOnlyList<CommunityRef> Communities { get; } = communities;

        public ConcurrentDictionary<(MapLayer Layer, string Culture), IReadOnlyList<CommunityMarkup>> Layers { get; } = new();
    }
}
