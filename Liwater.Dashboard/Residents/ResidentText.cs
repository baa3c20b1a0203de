namespace Liwater.Dashboard.Residents;

/// <summary>Marker for the resident channel's texts (Resources/Residents/ResidentText.tsv).</summary>
public sealed class ResidentText;
