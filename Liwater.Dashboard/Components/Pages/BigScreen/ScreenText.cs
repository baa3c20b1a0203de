namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>Marker for the screen's texts (Resources/Components/Pages/BigScreen/ScreenText.*).</summary>
public sealed class ScreenText;
