namespace Liwater.Dashboard.Components.Pages.Compounds;

/// <summary>Marker for the compound profile's texts (Resources/Components/Pages/Compounds/CompoundsText.*.resx).</summary>
public sealed class CompoundsText;
