namespace Liwater.Dashboard.Residents;

/// <summary>What the resident typed, kept when the form comes back with a message.</summary>
public sealed record ReportFormValues(string? Category, string? Description, string? Name, string? Phone);
