namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>Marker for the case pages' texts (Resources/Components/Pages/Cases/CasesText.tsv).</summary>
public sealed class CasesText;
