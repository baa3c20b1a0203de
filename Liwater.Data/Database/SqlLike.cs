namespace Liwater.Data.Database;

/// <summary>
/// LIKE patterns made from text, the same on SQLite and PostgreSQL: the text's <c>%</c>, <c>_</c> and backslash match
/// only themselves. Every LIKE of the data layer whose pattern holds text uses these patterns and ends with
/// <see cref="Escape"/> (SQLite has no default escape character; PostgreSQL's default is the same backslash).
/// </summary>
public static class SqlLike
{
    /// <summary>The clause that follows every LIKE whose pattern comes from here: <c>ESCAPE '\'</c>.</summary>
    public const string Escape = @"ESCAPE '\'";

    /// <summary>Matches a text that contains <paramref name="text"/>.</summary>
    public static string Contains(string text) => "%" + Literal(text) + "%";

    /// <summary>Matches a text that starts with <paramref name="text"/>.</summary>
    public static string StartsWith(string text) => Literal(text) + "%";

    /// <summary><paramref name="text"/> with its wildcards and escape characters escaped.</summary>
    public static string Literal(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
