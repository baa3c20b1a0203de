namespace Liwater.Dashboard.Extensions;

/// <summary>Configuration or data the app cannot start with; the message names the key or file and the fix.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
