namespace Liwater.Dashboard.Components.Pages.Volunteers;

/// <summary>Marker for the Volunteers page texts (Resources/Components/Pages/Volunteers/VolunteerText.*.resx).</summary>
public sealed class VolunteerText;
