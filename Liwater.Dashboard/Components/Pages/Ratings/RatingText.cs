namespace Liwater.Dashboard.Components.Pages.Ratings;

/// <summary>Marker for the Ratings page texts (Resources/Components/Pages/Ratings/RatingText.*.resx).</summary>
public sealed class RatingText;
