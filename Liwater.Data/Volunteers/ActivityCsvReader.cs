using System.Globalization;
using System.Text;
using CsvHelper;

namespace Liwater.Data.Volunteers;

/// <summary>
/// Reads activity rows from a CSV file as Chinese Excel writes it: UTF-8 (with or without BOM) or GBK, Chinese or
/// English headers. Only decoding and column mapping live here; row checks are <see cref="ActivityRules"/>.
/// </summary>
public static class ActivityCsvReader
{
    /// <summary>The columns: key, Chinese header (as documented), other accepted headers, required.</summary>
    public static readonly IReadOnlyList<(string Key, string Header, string[] Accepted, bool Required)> Columns =
    [
        ("date", "日期", ["date", "活动日期"], true),
        ("compound", "小区", ["compound", "小区名称"], true),
        ("team", "队伍", ["team", "队伍名称"], false),
        ("hours", "时长(小时)", ["hours", "时长", "时长（小时）"], true),
        ("people", "人数", ["people", "参与人数"], true),
        ("kind", "类型", ["kind", "type", "活动类型"], true),
        ("title", "事项", ["title", "activity", "活动内容", "内容"], true),
    ];

    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    /// <summary>
    /// Valid UTF-8 is read as UTF-8; anything else as GBK (GB18030, its superset, so Excel's "CSV" from Chinese
    /// Windows reads right); UTF-16 with a BOM as UTF-16. Returns the encoding to read the bytes with (after
    /// <c>Skip</c> bytes of BOM) without decoding them into one string; null when the bytes are none of these.
    /// </summary>
    public static (Encoding? Encoding, string Name, int Skip) DetectEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return (bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode, "UTF-16", 2);
        }

        var skip = bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        if (System.Text.Unicode.Utf8.IsValid(bytes[skip..]))
        {
            return (new UTF8Encoding(false), "UTF-8", skip);
        }

        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;
        try
        {
            // Counting decodes without keeping the text: a 5 MB file is checked without a 10 MB string.
            gbk.GetCharCount(bytes);
            return (gbk, "GBK", 0);
        }
        catch (DecoderFallbackException)
        {
            return (null, "unknown", 0);
        }
    }

    /// <summary>Decodes the whole file (kept for callers that want the text; the import streams instead).</summary>
    public static (string? Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        var (encoding, name, skip) = DetectEncoding(bytes);
        return (encoding?.GetString(bytes[skip..]), name);
    }

    /// <summary>The rows of a text (see <see cref="Read(TextReader)"/>).</summary>
    public static IReadOnlyList<CsvRow> Read(string text) => Read(new StringReader(text)).ToList();

    /// <summary>
    /// The rows of the file one at a time (nothing is held beyond the current row): its row number (header = 1) and
    /// the value of each known column by key, or for a row with broken quoting, why it could not be read.
    /// </summary>
    /// <remarks>
    /// Each line is one row (<c>AllowLineBreaksInQuotes</c> off): an unterminated quote breaks only its own row, which
    /// is reported, and every row after it is read, instead of one open quote swallowing the rest of the file.
    /// A line break inside a cell (rare in activity rows) is reported the same way.
    /// </remarks>
    /// <exception cref="ImportFileException">A file-level problem (no header, missing columns), as a <see cref="VolunteerErrors"/> code.</exception>
    public static IEnumerable<CsvRow> Read(TextReader reader)
    {
        var malformed = new Queue<CsvRow>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => malformed.Enqueue(new CsvRow((int)record.LineNumber, null, record.Reason)),
        };
        using var csv = CsvReader.Create(reader, options);
        var positions = Positions(csv.Headers);
        while (csv.Read())
        {
            // Malformed rows are skipped inside Read(), before the row it returns: report them first, in file order.
            while (malformed.TryDequeue(out var bad))
            {
                yield return bad;
            }

            var values = positions.ToDictionary(p => p.Key, p => p.Value < csv.FieldCount ? csv.GetString(p.Value)?.Trim() ?? "" : "");
            if (values.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return new CsvRow((int)csv.LineNumber, values, null);
        }

        while (malformed.TryDequeue(out var bad))
        {
            yield return bad;
        }
    }

    /// <summary>A column's name as a word for the page to put in the reader's language (import.column.*).</summary>
    private static DataError ColumnName(string key) => new($"import.column.{key}");

    private static List<DataError> AllColumnNames() => [.. Columns.Select(c => ColumnName(c.Key))];

    private static Dictionary<string, int> Positions(IReadOnlyList<string> header)
    {
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            throw new ImportFileException(new DataError(VolunteerErrors.ImportEmpty, AllColumnNames()));
        }

        var positions = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = Normalize(header[i]);
            var column = Columns.FirstOrDefault(c => Normalize(c.Header) == name || c.Accepted.Any(a => Normalize(a) == name));
            if (column.Key is not null)
            {
                positions.TryAdd(column.Key, i);
            }
        }

        var missing = Columns.Where(c => c.Required && !positions.ContainsKey(c.Key)).Select(c => ColumnName(c.Key)).ToList();
        if (missing.Count > 0)
        {
            throw new ImportFileException(new DataError(VolunteerErrors.ImportMissingColumns, missing, AllColumnNames()));
        }

        return positions;
    }

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    // Headers from Excel vary in width of brackets, spaces and case: 时长（小时） = 时长(小时) = 时长 (小时).
    private static string Normalize(string header) =>
        header.Trim().Replace("（", "(", StringComparison.Ordinal).Replace("）", ")", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}

/// <summary>
/// One row of the file: its row number (header = 1) and values by column key, or — when its quoting is broken —
/// no values and <see cref="Malformed"/> saying how.
/// </summary>
public sealed record CsvRow(int Row, IReadOnlyDictionary<string, string>? Values, CsvMalformedReason? Malformed);
