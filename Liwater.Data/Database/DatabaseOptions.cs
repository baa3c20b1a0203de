namespace Liwater.Data.Database;

/// <summary>Where the main database lives and how connections to it behave.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Gets or sets the path of the SQLite file. Defaults to <c>data/liwater.db</c> under the content root.</summary>
    public string Path { get; set; } = "data/liwater.db";

    /// <summary>Gets or sets how long a writer waits for the lock before failing. Defaults to 5 seconds.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;
}
