namespace Liwater.Data.Database;

/// <summary>
/// The database cannot be used as it is. The message names the file and the fix; the app stops with it.
/// </summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);
