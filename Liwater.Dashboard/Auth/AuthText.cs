namespace Liwater.Dashboard.Auth;

/// <summary>Marker for the sign-in and account pages' texts (Resources/Auth/AuthText.tsv).</summary>
public sealed class AuthText;
