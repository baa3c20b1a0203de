using Liwater.Data.Statistics;
using Liwater.Data.Territory;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>The map layers the screen rotates through.</summary>
public enum MapLayer
{
    PartyGrid = 0,
    OpenCases = 1,
    VolunteerHours = 2,
}

/// <summary>
/// The colours of each layer, in one place so that tiles, points and legends agree. Picked for a dark wall screen:
/// strong fills, and dark text on the two light fills.
/// </summary>
public static class MapPalette
{
    public const string Empty = "#23364f";
    public const string OwnBranch = "#c62828";
    public const string JointBranch = "#ef6c00";
    public const string CommunityOnly = "#546e7a";
    public const string CasesOk = "#2e7d32";
    public const string CasesDueSoon = "#f9a825";
    public const string CasesOverdue = "#d32f2f";
    public const string OverdueOutline = "#ff1744";
    public const string CompleteGrid = "#ffd54f";

    /// <summary>Volunteer-hours ramp from the lowest non-zero quarter to the top quarter of this month's compounds.</summary>
    public static readonly string[] HoursRamp = ["#1b5e7a", "#1f7fa3", "#29a3cc", "#4fc3f7"];

    public static string Fill(MapLayer layer, CompoundLayerData compound, double maxHours) => layer switch
    {
        MapLayer.PartyGrid => compound.Grid switch
        {
            GridStatus.OwnBranch => OwnBranch,
            GridStatus.JointBranch => JointBranch,
            _ => CommunityOnly,
        },
        MapLayer.OpenCases => compound.Sla switch
        {
            SlaState.Overdue => CasesOverdue,
            SlaState.DueSoon => CasesDueSoon,
            SlaState.Ok => CasesOk,
            _ => Empty,
        },
        _ => HoursFill(compound.VolunteerHoursMonth, maxHours),
    };

    public static string HoursFill(double hours, double maxHours)
    {
        if (hours <= 0 || maxHours <= 0)
        {
            return Empty;
        }

        var quarter = (int)Math.Ceiling(hours / maxHours * HoursRamp.Length) - 1;
        return HoursRamp[Math.Clamp(quarter, 0, HoursRamp.Length - 1)];
    }

    /// <summary>Text colour readable on <paramref name="fill"/>.</summary>
    public static string TextOn(string fill) => fill is CasesDueSoon or "#4fc3f7" or CompleteGrid ? "#0b1426" : "#ffffff";
}
