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

public sealed record SchematicTile(CompoundLayerData Compound, Box Box, double FontSize);

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
        return members.Select((m, i) => new SchematicTile(
            m,
            new Box(inner.X + (i % best.cols * (best.w + TileGap)), inner.Y + (i / best.cols * (best.h + TileGap)), best.w, best.h),
            Math.Clamp(Math.Min(best.h * 0.34, (best.w - 12) / Math.Max(m.Name.Length, 4)), 12, 26))).ToList();
    }
}
