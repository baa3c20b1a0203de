using System.Globalization;
using System.Text;

namespace Liwater.Data.Access;

/// <summary>
/// The one text rule of every form, endpoint and import (decision 0150): a field is trimmed of leading and trailing
/// white space (the forms say so), its length is counted in text elements — characters as a person sees them, so an
/// emoji with its joiners or a letter with combining marks counts once — and it is otherwise stored exactly as typed,
/// HTML and quotes included (pages render it as text). What cannot be stored as typed is refused, never stripped:
/// control characters other than tab, line feed and carriage return, and broken UTF-16 (a lone surrogate, which the
/// database's UTF-8 would silently turn into U+FFFD).
/// </summary>
public static class TextRules
{
    /// <summary>
    /// How many UTF-16 units a browser input may hold per allowed character (its <c>maxlength</c> counts units, not
    /// characters): a guard against a runaway paste that still lets a family emoji (11 units) count as one character.
    /// The rule itself is the server's count in text elements.
    /// </summary>
    public const int UnitsPerCharacter = 8;

    /// <summary>Characters as a person counts them (text elements), not UTF-16 units.</summary>
    public static int Length(string value) => new StringInfo(value).LengthInTextElements;

    /// <summary>The <c>maxlength</c> of a browser input whose rule allows <paramref name="max"/> characters.</summary>
    public static int InputMaxLength(int max) => max * UnitsPerCharacter;

    /// <summary>Null for blank text, else the text without leading and trailing white space: what is stored.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The 1-based position (in text elements) of the first character that cannot be stored as typed, or null when
    /// every character can.
    /// </summary>
    public static int? BadCharacterAt(string value)
    {
        var position = 0;
        var elements = StringInfo.GetTextElementEnumerator(value);
        while (elements.MoveNext())
        {
            position++;
            var element = (string)elements.Current;
            foreach (var rune in EnumerateOrNull(element))
            {
                if (rune is not { } r || (Rune.IsControl(r) && r.Value is not ('\t' or '\n' or '\r')))
                {
                    return position;
                }
            }
        }

        return null;
    }

    /// <summary>Checks one text field; returns its error or null.</summary>
    /// <param name="label">The field's label as a <c>label.*</c> word, worded by the UI.</param>
    public static DataError? Check(string? value, int max, bool required, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? new DataError(TextErrors.Required, new DataError(label)) : null;
        }

        var text = value.Trim();
        if (BadCharacterAt(text) is { } at)
        {
            return new DataError(TextErrors.BadCharacter, new DataError(label), at);
        }

        var length = Length(text);
        return length > max ? new DataError(TextErrors.TooLong, new DataError(label), max, length) : null;
    }

    /// <summary>Checks one text field into a form's error dictionary (field → error).</summary>
    public static void Check(Dictionary<string, DataError> errors, string field, string? value, int max, bool required, string label)
    {
        if (Check(value, max, required, label) is { } error)
        {
            errors[field] = error;
        }
    }

    /// <summary>The first <paramref name="count"/> text elements of a text (never half an emoji or a lone surrogate).</summary>
    public static string Prefix(string value, int count)
    {
        var info = new StringInfo(value);
        return info.LengthInTextElements <= count ? value : info.SubstringByTextElements(0, count);
    }

    // Runes of a text element; null stands for a lone surrogate (which Rune cannot hold).
    private static IEnumerable<Rune?> EnumerateOrNull(string element)
    {
        var index = 0;
        while (index < element.Length)
        {
            if (Rune.DecodeFromUtf16(element.AsSpan(index), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                yield return null;
                yield break;
            }

            yield return rune;
            index += used;
        }
    }
}

/// <summary>The codes of <see cref="TextRules"/>: the same three for every text field, with the field's label as argument.</summary>
[ErrorCodes]
public static class TextErrors
{
    /// <summary>A required field is empty. Args: the field's label (a <c>label.*</c> word).</summary>
    public const string Required = "field.required";

    /// <summary>Args: the field's label, the limit, the length typed (characters as a person counts them).</summary>
    public const string TooLong = "field.too_long";

    /// <summary>A control character or broken text that cannot be stored as typed. Args: the field's label, its position (1-based, in characters).</summary>
    public const string BadCharacter = "field.bad_character";
}
