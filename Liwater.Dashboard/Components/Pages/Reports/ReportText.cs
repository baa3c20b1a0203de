namespace Liwater.Dashboard.Components.Pages.Reports;

/// <summary>Marker for the report texts (Resources/Components/Pages/Reports/ReportText.*.resx).</summary>
public sealed class ReportText;
