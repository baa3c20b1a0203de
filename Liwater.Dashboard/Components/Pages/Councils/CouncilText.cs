namespace Liwater.Dashboard.Components.Pages.Councils;

/// <summary>Marker for the Councils page texts (Resources/Components/Pages/Councils/CouncilText.*.resx).</summary>
public sealed class CouncilText;
