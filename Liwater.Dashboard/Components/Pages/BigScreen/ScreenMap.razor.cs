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

    private double MaxHours => Compounds.Count == 0 ? 0 : Compounds.Max(c => c.VolunteerHoursMonth);

    public static string LayerKey(MapLayer layer) => layer switch
    {
        MapLayer.PartyGrid => "LayerPartyGrid",
        MapLayer.OpenCases => "LayerOpenCases",
        _ => "LayerVolunteerHours",
    };

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string TileClass(CompoundLayerData compound) => compound.Sla == SlaState.Overdue ? "compound overdue" : "compound";

    private string TileValue(CompoundLayerData compound) => Layer switch
    {
        MapLayer.PartyGrid => T[compound.Grid switch
        {
            Liwater.Data.Territory.GridStatus.OwnBranch => "LegendOwnBranch",
            Liwater.Data.Territory.GridStatus.JointBranch => "LegendJointBranch",
            _ => "LegendCommunityOnly",
        }],
        MapLayer.OpenCases => compound.OpenCases == 0 ? T["TileNoCases"] : string.Format(T["TileCases"], FigureFormat.Count(compound.OpenCases)),
        _ => string.Format(T["TileHours"], FigureFormat.Hours(compound.VolunteerHoursMonth)),
    };
}
