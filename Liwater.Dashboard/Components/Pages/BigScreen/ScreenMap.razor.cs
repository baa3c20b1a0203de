using System.Globalization;
using Liwater.Dashboard.Components.Shared;
using Liwater.Data.Statistics;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

public sealed partial class ScreenMap
{
    [Inject]
    public required IStringLocalizer<ScreenText> T { get; init; }

    /// <summary>Gets or sets the communities, in display order.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<CommunityRef> Communities { get; set; }

    /// <summary>Gets or sets the compounds with their layer data.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<CompoundLayerData> Compounds { get; set; }

    /// <summary>Gets or sets the layer shown. Defaults to the Party grid.</summary>
    [Parameter]
    public MapLayer Layer { get; set; }

    /// <summary>Gets or sets the town's projected GeoJSON map. Defaults to none: the schematic is drawn.</summary>
    [Parameter]
    public GeoMap? Geo { get; set; }

    private static readonly string ViewBox = FormattableString.Invariant($"0 0 {SchematicLayout.Width} {SchematicLayout.Height}");

    // The schematic's shared markup for this snapshot and layer (none when the GeoJSON map is drawn).
    private SchematicMap? Schematic { get; set; }

    protected override void OnParametersSet() =>
        Schematic = Geo is null ? SchematicMarkup.For(Communities, Compounds, Layer, T) : null;

    private double MaxHours => Compounds.Count == 0 ? 0 : Compounds.Max(c => c.VolunteerHoursMonth);

    private static string TileClass(CompoundLayerData compound) => SchematicMarkup.TileClass(compound);

    public static string LayerKey(MapLayer layer) => layer switch
    {
        MapLayer.PartyGrid => "LayerPartyGrid",
        MapLayer.OpenCases => "LayerOpenCases",
        _ => "LayerVolunteerHours",
    };

    private static string N(double value) => SchematicMarkup.N(value);
}
