using Liwater.Data.Statistics;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>A rectangle in the map's SVG coordinates.</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public bool Contains(Box other) =>
        other.X >= X - 0.001 && other.Y >= Y - 0.001 && other.X + other.Width <= X + Width + 0.001 && other.Y + other.Height <= Y + Height + 0.001;

    public bool Overlaps(Box other) =>
        X < other.X + other.Width && other.X < X + Width && Y < other.Y + other.Height && other.Y < Y + Height;
}

public sealed record SchematicCommunity(CommunityRef Community, Box Block, IReadOnlyList<SchematicTile> Tiles);

/// <summary>A compound's tile: its name on one or two lines, and one font size for the name and the layer's value.</summary>
public sealed record SchematicTile(CompoundLayerData Compound, Box Box, double FontSize, IReadOnlyList<string> NameLines)
{
    /// <summary>Gets the baseline of the first name line: the name and value lines are centred in the tile together.</summary>
    public double FirstBaseline => Box.Y + ((Box.Height - ((NameLines.Count + 1) * FontSize * SchematicLayout.LineHeight)) / 2) + (FontSize * 0.95);

    /// <summary>Gets the baseline of the value line under the name.</summary>
    public double ValueBaseline => FirstBaseline + (NameLines.Count * FontSize * SchematicLayout.LineHeight);
}

/// <summary>
/// The map without coordinates: each community a labelled block, its compounds tiles inside it. Nothing here is a
/// position on the ground, and the screen says so.
/// </summary>
public static class SchematicLayout
{
    public const double Width = 1100;
    public const double Height = 760;
    public const double Gap = 14;
    public const double BlockHeader = 46;
    public const double TileGap = 8;

    /// <summary>
    /// The smallest tile text in map units. The map is drawn at about 0.9 of its size on a 1920×1080 wall, so 20
    /// units stay above 18 px; a name that would need less is wrapped onto two lines instead of shrunk.
    /// </summary>
    public const double MinFont = 20;

    public const double MaxFont = 26;

    public const double LineHeight = 1.12;

    private const double TilePadding = 12;

    public static IReadOnlyList<SchematicCommunity> Arrange(IReadOnlyList<CommunityRef> communities, IReadOnlyList<CompoundLayerData> compounds)
    {
        if (communities.Count == 0)
        {
            return [];
        }

        var columns = (int)Math.Ceiling(Math.Sqrt(communities.Count * Width / Height));
        columns = Math.Min(columns, communities.Count);
        var rows = (int)Math.Ceiling(communities.Count / (double)columns);
        var blockWidth = (Width - (Gap * (columns + 1))) / columns;
        var blockHeight = (Height - (Gap * (rows + 1))) / rows;
        var result = new List<SchematicCommunity>(communities.Count);
        for (var i = 0; i < communities.Count; i++)
        {
            var block = new Box(Gap + (i % columns * (blockWidth + Gap)), Gap + (i / columns * (blockHeight + Gap)), blockWidth, blockHeight);
            var members = compounds.Where(c => c.CommunityId == communities[i].Id).ToList();
            result.Add(new SchematicCommunity(communities[i], block, Tiles(block, members)));
        }

        return result;
    }

    private static List<SchematicTile> Tiles(Box block, List<CompoundLayerData> members)
    {
        if (members.Count == 0)
        {
            return [];
        }

        var inner = new Box(block.X + TileGap, block.Y + BlockHeader, block.Width - (2 * TileGap), block.Height - BlockHeader - TileGap);

        // Choose the column count whose tiles come closest to a 2.4:1 label shape, so names stay large.
        var best = Enumerable.Range(1, Math.Min(4, members.Count))
            .Select(cols =>
            {
                var tileRows = (int)Math.Ceiling(members.Count / (double)cols);
                var w = (inner.Width - (TileGap * (cols - 1))) / cols;
                var h = (inner.Height - (TileGap * (tileRows - 1))) / tileRows;
                return (cols, w, h, score: Math.Min(w / 2.4, h));
            })
            .MaxBy(x => x.score);

        // Each name as large as its tile allows, so one long placeholder name does not shrink its neighbours.
        return members.Select((m, i) =>
        {
            var (font, lines) = Fit(m.Name, best.w, best.h);
            return new SchematicTile(
                m,
                new Box(inner.X + (i % best.cols * (best.w + TileGap)), inner.Y + (i / best.cols * (best.h + TileGap)), best.w, best.h),
                font,
                lines);
        }).ToList();
    }

    /// <summary>
    /// The name on one line or, when that gives larger text, on two (split before a bracket or in the middle), with the
    /// value line below it; never below <see cref="MinFont"/>.
    /// </summary>
    internal static (double Font, IReadOnlyList<string> Lines) Fit(string name, double width, double height)
    {
        var room = width - TilePadding;
        var one = Math.Min(room / Math.Max(Ems(name), 4), height / (2 * LineHeight));
        var split = SplitPoint(name);
        if (split > 0)
        {
            string[] lines = [name[..split], name[split..]];
            var two = Math.Min(room / Math.Max(lines.Max(Ems), 4), height / (3 * LineHeight));
            if (two > one)
            {
                return (Math.Clamp(two, MinFont, MaxFont), lines);
            }
        }

        return (Math.Clamp(one, MinFont, MaxFont), [name]);
    }

    /// <summary>Width of a text in em: CJK characters one em, Latin letters and digits about half.</summary>
    internal static double Ems(string text) => text.Sum(c => c < 0x2E80 ? 0.6 : 1.0);

    private static int SplitPoint(string name)
    {
        if (name.Length < 4)
        {
            return 0;
        }

        var bracket = name.IndexOfAny(['（', '(']);
        return bracket > 0 ? bracket : name.Length / 2;
    }
}
