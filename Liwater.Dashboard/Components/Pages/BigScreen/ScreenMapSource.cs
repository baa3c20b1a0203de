using System.Globalization;
using System.Text;
using System.Text.Json;
using Liwater.Dashboard.Extensions;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>An outline from the town's GeoJSON, already projected into the map's SVG coordinates.</summary>
public sealed record GeoOutline(string PathData, string? Label, double LabelX, double LabelY);

/// <summary>A compound point from the GeoJSON, projected; matched by <c>compound_id</c> or by name.</summary>
public sealed record GeoPoint(string? CompoundName, long? CompoundId, double X, double Y);

/// <summary>The town's own map, when <see cref="ScreenOptions.GeoJsonPath"/> names one.</summary>
public sealed record GeoMap(IReadOnlyList<GeoOutline> Outlines, IReadOnlyList<GeoPoint> Points)
{
    public GeoPoint? Find(CompoundLayerData compound) =>
        Points.FirstOrDefault(p => p.CompoundId == compound.Id) ?? Points.FirstOrDefault(p => p.CompoundName == compound.Name);
}

/// <summary>
/// Why the town's map is not shown: a <see cref="ScreenText"/> key with the file and the parser's message. The snapshot
/// holding it is shared by screens in either language, so each screen words it in its own (<see cref="Text"/>).
/// </summary>
public sealed record GeoMapError(string Key, string File, string? Detail = null)
{
    public const string Missing = "MapFileMissing";
    public const string Unreadable = "MapFileUnreadable";

    public string Text(IStringLocalizer<ScreenText> t) => string.Format(CultureInfo.CurrentCulture, t[Key], File, Detail);
}

/// <summary>
/// Reads the GeoJSON file named in configuration (FeatureCollection of Polygon/MultiPolygon outlines and Point
/// compounds, WGS84 lon/lat) and projects it to the map. No file means the schematic; the screen never makes up a
/// coordinate. The file is read again when it changes.
/// </summary>
public sealed class ScreenMapSource(IOptionsMonitor<ScreenOptions> screen, IOptions<LiwaterOptions> root, ILogger<ScreenMapSource> logger)
{
    private readonly Lock gate = new();
    private (string Path, DateTime Written, GeoMap? Map, GeoMapError? Error)? cached;

    /// <summary>The projected map, or null with the reason (null too when no file is configured).</summary>
    public (GeoMap? Map, GeoMapError? Error) Load()
    {
        var configured = screen.CurrentValue.GeoJsonPath;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return (null, null);
        }

        var path = root.Value.ResolvePath(configured);
        var written = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
        lock (gate)
        {
            if (cached is { } c && c.Path == path && c.Written == written)
            {
                return (c.Map, c.Error);
            }

            (GeoMap? map, GeoMapError? error) = written == DateTime.MinValue
                ? (null, new GeoMapError(GeoMapError.Missing, path))
                : Parse(path);
            if (error is not null)
            {
                logger.LogWarning("Liwater:Screen:GeoJsonPath: the map file {File} cannot be used ({Problem}): {Detail}", error.File, error.Key, error.Detail);
            }

            cached = (path, written, map, error);
            return (map, error);
        }
    }

    public static (GeoMap? Map, GeoMapError? Error) Parse(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return (Project(document.RootElement), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or IOException)
        {
            return (null, new GeoMapError(GeoMapError.Unreadable, Path.GetFileName(path), e.Message));
        }
    }

    private static GeoMap Project(JsonElement root)
    {
        var rings = new List<(List<double[]> Ring, string? Label)>();
        var points = new List<(double[] At, string? Name, long? Id)>();
        foreach (var feature in root.GetProperty("features").EnumerateArray())
        {
            var geometry = feature.GetProperty("geometry");
            var props = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var name = props.ValueKind == JsonValueKind.Object && props.TryGetProperty("name", out var n) ? n.GetString() : null;
            var coordinates = geometry.GetProperty("coordinates");
            switch (geometry.GetProperty("type").GetString())
            {
                case "Point":
                    long? id = props.ValueKind == JsonValueKind.Object && props.TryGetProperty("compound_id", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt64() : null;
                    points.Add((Position(coordinates), name, id));
                    break;
                case "Polygon":
                    rings.AddRange(coordinates.EnumerateArray().Select((r, k) => (Ring(r), k == 0 ? name : null)));
                    break;
                case "MultiPolygon":
                    rings.AddRange(coordinates.EnumerateArray().SelectMany(poly => poly.EnumerateArray()).Select((r, k) => (Ring(r), k == 0 ? name : null)));
                    break;
            }
        }

        var all = rings.SelectMany(r => r.Ring).Concat(points.Select(p => p.At)).ToList();
        if (all.Count == 0)
        {
            throw new InvalidOperationException("the file has no Point, Polygon or MultiPolygon features");
        }

        // Equirectangular with the longitude squeezed by cos(latitude): exact enough for a town a few km across.
        var (minX, maxX, minY, maxY) = (all.Min(a => a[0]), all.Max(a => a[0]), all.Min(a => a[1]), all.Max(a => a[1]));
        var squeeze = Math.Cos((minY + maxY) / 2 * Math.PI / 180);
        const double pad = 40;
        var scale = Math.Min((SchematicLayout.Width - (2 * pad)) / Math.Max((maxX - minX) * squeeze, 1e-9), (SchematicLayout.Height - (2 * pad)) / Math.Max(maxY - minY, 1e-9));
        (double X, double Y) To(double[] a) => (pad + ((a[0] - minX) * squeeze * scale), SchematicLayout.Height - pad - ((a[1] - minY) * scale));

        var outlines = rings.Select(r =>
        {
            var projected = r.Ring.Select(To).ToList();
            var d = new StringBuilder();
            for (var k = 0; k < projected.Count; k++)
            {
                d.Append(k == 0 ? 'M' : 'L').Append(F(projected[k].X)).Append(' ').Append(F(projected[k].Y)).Append(' ');
            }

            d.Append('Z');
            return new GeoOutline(d.ToString(), r.Label, projected.Average(q => q.X), projected.Average(q => q.Y));
        }).ToList();
        var placed = points.Select(p => { var (x, y) = To(p.At); return new GeoPoint(p.Name, p.Id, x, y); }).ToList();
        return new GeoMap(outlines, placed);
    }

    private static List<double[]> Ring(JsonElement ring) => ring.EnumerateArray().Select(Position).ToList();

    private static double[] Position(JsonElement position) => [position[0].GetDouble(), position[1].GetDouble()];

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
