using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Security.Data.Access;

/// <summary>The one text rule (Liwater.Data/Access/TextRules.cs): counted as a person counts, refused rather than stripped.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("里水镇", 3)]
    [InlineData(HostileStrings.Family, 1)]
    [InlineData("e\u0301", 1)]
    [InlineData("🇨🇳👍🏽", 2)]
    public void Length_TextElements_CountedAsAPersonSeesThem(string text, int expected) =>
        Assert.Equal(expected, TextRules.Length(text));

    [Fact]
    public void Check_TwoHundredFamilyEmojiUnderALimitOfTwoHundred_Accepted()
    {
        var text = string.Concat(Enumerable.Repeat(HostileStrings.Family, 200));

        Assert.Equal(2200, text.Length);
        Assert.Null(TextRules.Check(text, 200, required: true, "label.body"));
        Assert.Equal("field.too_long(label.body, 199, 200)", TextRules.Check(text, 199, required: true, "label.body")?.ToString());
    }

    [Theory]
    [InlineData("a\0b", 2)]
    [InlineData("a\u0007b", 2)]
    [InlineData("\u001B[31m", 1)]
    [InlineData("ab\u007F", 3)]
    [InlineData("o\u0085k", 2)]
    public void Check_ControlCharacter_RefusedWithItsPosition(string text, int position) =>
        Assert.Equal($"{TextErrors.BadCharacter}(label.title, {position})", TextRules.Check(text, 100, required: true, "label.title")?.ToString());

    [Fact]
    public void Check_LoneSurrogates_RefusedWithTheirPosition()
    {
        // Built here, not as theory data: a test runner's serialization would turn a lone surrogate into U+FFFD.
        var cases = new (string Text, int Position)[] { ("a\uD800b", 2), ("\uDC00", 1), (HostileStrings.Family + "\uD83D", 2), ("好\uDFFF\uD800", 2) };
        foreach (var (text, position) in cases)
        {
            Assert.Equal($"{TextErrors.BadCharacter}(label.title, {position})", TextRules.Check(text, 100, required: true, "label.title")?.ToString());
        }
    }

    [Theory]
    [InlineData("第一行\r\n第二行\n第三行")]
    [InlineData("a\tb")]
    [InlineData("abc\u202Edef")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\uFEFF带BOM")]
    public void Check_NewlinesTabsFormatCharactersAndMarkup_Accepted(string text) =>
        Assert.Null(TextRules.Check(text, 100, required: true, "label.title"));

    [Fact]
    public void Check_BlankRequired_RequiredError() =>
        Assert.Equal("field.required(label.title)", TextRules.Check(" \t\r\n", 10, required: true, "label.title")?.ToString());

    [Fact]
    public void Clean_Padded_TrimmedElseUnchanged()
    {
        Assert.Equal("前 后", TextRules.Clean("  前 后 \r\n"));
        Assert.Null(TextRules.Clean("   "));
    }

    [Fact]
    public void Prefix_CutInsideEmoji_KeepsWholeCharacters()
    {
        var text = "楼" + HostileStrings.Family + "道";

        Assert.Equal("楼" + HostileStrings.Family, TextRules.Prefix(text, 2));
        Assert.Null(TextRules.BadCharacterAt(TextRules.Prefix(text, 2)));
    }
}
