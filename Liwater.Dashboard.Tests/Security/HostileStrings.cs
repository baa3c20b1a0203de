using System.Text;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>
/// What an outsider types into every field: markup that would run if a page rendered it as HTML, SQL quotes, control
/// characters, broken UTF-16, bidirectional overrides, long emoji sequences, combining marks, huge values, encoded
/// NULs, path traversal, CRLF, numbers no field can hold and non-ASCII. Shared by the endpoint sweep, the pages in
/// Chromium and the hub.
/// </summary>
public static class HostileStrings
{
    /// <summary>The canary a payload sets if it ever runs in a page; it must stay undefined.</summary>
    public const string Canary = "window.__pwned";

    /// <summary>One family emoji: 7 code points, 11 UTF-16 units, one character as a person sees it.</summary>
    public const string Family = "👨‍👩‍👧‍👦";

    public static IReadOnlyList<(string Name, string Value)> Text { get; } =
    [
        ("script", "<script>window.__pwned=1</script>"),
        ("img-onerror", "\"><img src=x onerror=\"window.__pwned=1\">"),
        ("svg-onload", "'><svg onload=window.__pwned=1>"),
        ("js-url", "javascript:window.__pwned=1"),
        ("sql-quote", "'; DROP TABLE cases; --"),
        ("sql-or", "\" OR \"1\"=\"1' OR '1'='1"),
        ("razor", "@(1+1) {{7*7}} ${7*7} {0}{1}%s%n"),
        ("html-entities", "&lt;b&gt; &amp; &#x3C;"),
        ("nul", "前\0后"),
        ("controls", "a\u0001\u0008\u001B[31m\u007Fb"),
        ("lone-high-surrogate", "a\uD800b"),
        ("lone-low-surrogate", "\uDC00z"),
        ("rtl-override", "abc\u202Egnp.exe\u202C"),
        ("zwj-emoji-200", string.Concat(Enumerable.Repeat(Family, 200))),
        ("combining", "Z\u0337\u0321\u0327\u0347a\u0338l\u0337g\u0337o\u0335 e\u0301"),
        ("huge-100kb", new string('长', 100 * 1024 / 3) + new string('x', 100)),
        ("percent-00", "%00"),
        ("path-traversal", "../../../../etc/passwd ..\\..\\windows\\win.ini"),
        ("crlf", "第一行\r\n第二行\r第三行\n"),
        ("header-injection", "x\r\nSet-Cookie: pwned=1"),
        ("long-number", "99999999999999999999999999999"),
        ("negative", "-9223372036854775808"),
        ("overflow", "9223372036854775808"),
        ("non-ascii", "里水镇金溪社区😀 Ünïcødé"),
        ("padded", "   前后有空格   "),
        ("tab", "a\tb"),
        ("bom", "\uFEFF带BOM"),
        ("noncharacter", "a\uFFFEb\uFFFF"),
        ("empty", ""),
        ("whitespace", " \t "),
    ];

    /// <summary>Numbers for id-shaped inputs: negative, zero, the edges of long, past them, not numbers at all.</summary>
    public static IReadOnlyList<string> Numbers { get; } =
        ["-1", "0", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999999", "1e99", "0x10", "１２３", "NaN"];

    /// <summary>Query and path pieces sent verbatim (already percent-encoded): NUL, invalid escapes, overlong and surrogate UTF-8.</summary>
    public static IReadOnlyList<string> RawEncoded { get; } =
        ["%00", "%ZZ", "%", "%C0%AF", "%ED%A0%80", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "%0D%0ALocation:%20x", "%E2%80%AE"];

    /// <summary>What the server receives for <paramref name="value"/> over HTTP: UTF-8 cannot carry a lone surrogate, so it arrives as U+FFFD.</summary>
    public static string OnTheWire(string value) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
}
