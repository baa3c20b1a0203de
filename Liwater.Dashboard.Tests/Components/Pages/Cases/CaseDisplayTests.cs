using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>Durations on the case and report pages, worded from the real resources in each language.</summary>
public sealed class CaseDisplayTests
{
    private const long Second = 1_000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    private static readonly IStringLocalizer<CasesText> Text = new StringLocalizer<CasesText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    [Theory]
    [InlineData("zh-CN", (2 * Day) + (3 * Hour) + (4 * Minute), "2天3小时")]
    [InlineData("zh-CN", (3 * Hour) + (5 * Minute) + (6 * Second), "3小时5分")]
    [InlineData("zh-CN", (4 * Minute) + (5 * Second), "4分05秒")]
    [InlineData("zh-CN", -((4 * Minute) + (5 * Second)), "4分05秒")]
    [InlineData("en", (2 * Day) + (3 * Hour) + (4 * Minute), "2 d 3 h")]
    [InlineData("en", (3 * Hour) + (5 * Minute) + (6 * Second), "3 h 5 min")]
    [InlineData("en", (4 * Minute) + (5 * Second), "4 min 05 s")]
    [InlineData("en", 0, "0 min 00 s")]
    public void Duration_InCulture_WordsTheTwoLargestUnits(string culture, long ms, string expected)
    {
        using var scope = new CultureScope(culture);

        Assert.Equal(expected, CaseDisplay.Duration(Text, ms));
    }
}
