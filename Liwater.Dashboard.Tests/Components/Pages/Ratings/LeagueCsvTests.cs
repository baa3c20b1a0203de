using System.Text;
using Liwater.Dashboard.Components.Pages.Ratings;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Ratings;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Tests.Components.Pages.Ratings;

/// <summary>The league table export speaks the user's language: column names, list names and the file's name.</summary>
public sealed class LeagueCsvTests
{
    private static readonly IStringLocalizer<RatingText> Text = new StringLocalizer<RatingText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static readonly LeagueRow[] Rows =
    [
        Row(1, "中恒海晖", 95.5, 5, RatingList.Red),
        Row(2, "糖果雅苑", 82, 3, RatingList.None),
        Row(3, "金溪花园", 58.25, 0, RatingList.Black),
    ];

    [Theory]
    [InlineData("zh-CN", "名次,小区,社区,物业服务企业,得分,星级,榜单", "红榜", "黑榜")]
    [InlineData("en", "Rank,Compound,Community,Property company,Score,Stars,List", "Red list", "Black list")]
    public void Write_InCulture_HeaderAndListsInThatLanguage(string culture, string header, string red, string black)
    {
        using var scope = new CultureScope(culture);

        var bytes = LeagueCsv.Write(Rows, Text);

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [header, $"1,中恒海晖,金溪社区,物业一,95.5,5,{red}", "2,糖果雅苑,金溪社区,物业一,82,3,", $"3,金溪花园,金溪社区,物业一,58.25,0,{black}"],
            lines);
    }

    [Theory]
    [InlineData("zh-CN", 4, "物业考核排行榜_2026_Q4.csv")]
    [InlineData("zh-CN", 0, "物业考核排行榜_2026_年度.csv")]
    [InlineData("en", 4, "property-league_2026_Q4.csv")]
    [InlineData("en", 0, "property-league_2026_year.csv")]
    public void FileName_InCulture_NamesThePeriodInThatLanguage(string culture, int quarter, string expected)
    {
        using var scope = new CultureScope(culture);

        Assert.Equal(expected, LeagueCsv.FileName(new AssessmentPeriod(2026, quarter), Text));
    }

    private static LeagueRow Row(int rank, string compound, double score, int stars, RatingList list) => new(
        new AssessmentUnit { Id = rank, CompoundName = compound, CommunityName = "金溪社区", CompanyName = "物业一" },
        new UnitRating(rank, score, rank, stars, list),
        new StoredScore { UnitId = rank, Year = 2026, Quarter = 4, Total = score });
}
