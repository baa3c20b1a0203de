using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Ratings;
using Liwater.Data.Volunteers;

namespace Liwater.Dashboard.Tests.Dashboard.Localization;

/// <summary>Errors the data layer returns as codes are worded in the user's language by the UI's resources.</summary>
public sealed class DataErrorTextTests
{
    private static readonly DateOnly Today = new(2021, 3, 10);

    [Fact]
    public void Text_VolunteerRuleError_IsWordedInEnglishAndChinese()
    {
        var input = new ActivityInput { OccurredOn = Today, CompoundId = 1, Hours = 2, People = 0, Kind = "patrol", Title = "巡逻" };

        var problem = ActivityRules.Check(input, Today, new Dictionary<long, long>());

        Assert.NotNull(problem);
        Assert.Equal("people", problem.Value.Field);
        Assert.Equal($"People must be a whole number from 1 to {ActivityRules.MaxPeople}.", Words.En(problem.Value.Error));
        Assert.Equal($"人数应为1到{ActivityRules.MaxPeople}之间的整数。", Words.Zh(problem.Value.Error));
    }

    [Fact]
    public void Text_RatingPeriodRefusal_WordsThePeriodInEnglishAndChinese()
    {
        var error = new DataError(RatingErrors.NotPublished, RatingErrors.Period(2021, 3));

        Assert.Equal("Q3 2021 is not published, so there is nothing to re-open.", Words.En(error));
        Assert.Equal("2021年第3季度尚未发布，无需重新开放。", Words.Zh(error));
    }
}
