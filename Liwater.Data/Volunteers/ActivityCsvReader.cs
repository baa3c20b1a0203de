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
    /// Windows reads right). Bytes that are neither give null and the name of the problem.
    /// </summary>
    public static (string? Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            var unicode = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return (unicode.GetString(bytes[2..]), "UTF-16");
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
        }

        try
        {
            var gbk = CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;
            return (gbk.GetString(bytes), "GBK");
        }
        catch (DecoderFallbackException)
        {
            return (null, "unknown");
        }
    }

    /// <summary>The rows of the file: its row number (header = 1) and the value of each known column by key.</summary>
    /// <exception cref="FormatException">A file-level problem (no header, missing columns), with a Chinese message.</exception>
    public static IReadOnlyList<(int Row, IReadOnlyDictionary<string, string> Values)> Read(string text)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
        };
        using var csv = CsvReader.Create(new StringReader(text), options);
        var header = csv.Headers;
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            throw new FormatException("文件是空的：第一行应为列名（" + string.Join(",", Columns.Select(c => c.Header)) + "）。");
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

        var missing = Columns.Where(c => c.Required && !positions.ContainsKey(c.Key)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException(
                $"缺少必需的列：{string.Join("、", missing)}。文件未导入。第一行应为列名：{string.Join(",", Columns.Select(c => c.Header))}"
                + "（若列名显示为乱码，请把文件另存为“CSV UTF-8”或 GBK 编码的 CSV）。");
        }

        var rows = new List<(int, IReadOnlyDictionary<string, string>)>();
        while (csv.Read())
        {
            var values = positions.ToDictionary(p => p.Key, p => p.Value < csv.FieldCount ? csv.GetString(p.Value)?.Trim() ?? "" : "");
            if (values.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(((int)csv.LineNumber, values));
        }

        return rows;
    }

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    // Headers from Excel vary in width of brackets, spaces and case: 时长（小时） = 时长(小时) = 时长 (小时).
    private static string Normalize(string header) =>
        header.Trim().Replace("（", "(", StringComparison.Ordinal).Replace("）", ")", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
