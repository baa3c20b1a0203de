namespace Liwater.Dashboard.Field;

/// <summary>Marker for the field pages' texts (Resources/Field/FieldText.tsv).</summary>
public sealed class FieldText;
