using System.Globalization;
using Liwater.Data.Changes;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Localization;

/// <summary>
/// Marker for the texts of every <see cref="DataError"/> code (Resources/Localization/DataErrorText.tsv): one file for
/// the whole data layer, so a code is worded once whichever page shows it.
/// </summary>
public sealed class DataErrorText;

/// <summary>Words a <see cref="DataError"/> in the current UI culture.</summary>
public static class DataErrorLocalizer
{
    /// <summary>
    /// The message for <paramref name="error"/>: its code's text with the arguments formatted in the current culture;
    /// arguments that are <see cref="DataError"/>s (words such as a level name) are worded first, and a list of them is
    /// worded as a list in the reader's language.
    /// </summary>
    public static string Text(this IStringLocalizer<DataErrorText> localizer, DataError error)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        var format = localizer[error.Code];
        if (error.Args.Count == 0)
        {
            return format.Value;
        }

        var args = error.Args.Select(Arg).ToArray();
        return string.Format(CultureInfo.CurrentCulture, format.Value, args);

        object? Arg(object? a) => a switch
        {
            DataError word => localizer.Text(word),
            IEnumerable<object?> list => UiLanguage.List(list.Select(i => Arg(i)?.ToString() ?? "")),
            _ => a,
        };
    }

    /// <summary>
    /// A change-log summary for reading: a coded one (<see cref="ChangeSummaries"/>) worded in the current culture, any
    /// other (a case's code and title, a row written before summaries were coded) as stored.
    /// </summary>
    public static string? Summary(this IStringLocalizer<DataErrorText> localizer, string? summary) =>
        ChangeSummaries.Decode(summary) is { } coded ? localizer.Text(coded) : summary;

    /// <summary>
    /// A stored actor name for reading: the system's and the resident channel's (<see cref="ActorNames"/>, old rows'
    /// Chinese included) worded in the current culture, a person's display name as stored.
    /// </summary>
    public static string Actor(this IStringLocalizer<DataErrorText> localizer, string actor, long? userId) =>
        ActorNames.CodeOf(actor, userId) is { } code ? localizer[code].Value : actor;

    /// <summary>Every message of a field-error map, worded (for forms).</summary>
    public static Dictionary<string, string> Texts(this IStringLocalizer<DataErrorText> localizer, IReadOnlyDictionary<string, DataError> errors) =>
        errors.ToDictionary(e => e.Key, e => localizer.Text(e.Value));
}
