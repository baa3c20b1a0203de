using System.Text.Json;

namespace Liwater.Data.Access;

/// <summary>
/// Why the data layer refused or rejected something, as a code with arguments. The data layer never words a message:
/// the UI looks the code up in its resources (Liwater.Dashboard's <c>DataErrorText</c>) in the user's language and
/// formats the arguments into it. An argument that is itself a <see cref="DataError"/> is a word looked up the same way
/// (a level or status name), so "already at {0}" stays one resource per language; a list of them is a list of words.
/// </summary>
/// <param name="Code">Gets the resource key, e.g. <c>case.conflict</c>; declared as a constant in an <see cref="ErrorCodesAttribute"/> class.</param>
/// <param name="Args">Gets the values for the placeholders {0}, {1}… of the worded message.</param>
public sealed record DataError(string Code, params IReadOnlyList<object?> Args)
{
    public override string ToString() => Args.Count == 0 ? Code : $"{Code}({string.Join(", ", Args)})";

    /// <summary>Reads a DataError stored as JSON (<c>{"Code": …, "Args": […]}</c>, as <see cref="Audit.ToJson{T}"/> writes it).</summary>
    public static DataError? FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(nameof(Code), out var code) || code.GetString() is not { } text)
        {
            return null;
        }

        var args = json.TryGetProperty(nameof(Args), out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(Arg).ToList()
            : [];
        return new DataError(text, args);

        static object? Arg(JsonElement a) => a.ValueKind switch
        {
            JsonValueKind.Number when a.TryGetInt64(out var n) => n,
            JsonValueKind.Number => a.GetDouble(),
            JsonValueKind.String => a.GetString(),
            JsonValueKind.Object => FromJson(a),
            JsonValueKind.Array => a.EnumerateArray().Select(Arg).ToList(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }
}

/// <summary>
/// Marks a static class whose <c>public const string</c> fields are <see cref="DataError"/> codes. A test walks every
/// such class and fails when a code has no text in either language.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ErrorCodesAttribute : Attribute;
