using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Changes;
using Liwater.Data.Councils;
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
    public void Text_UnknownActivityKind_ListsEveryKindAsWordsOfEachLanguage()
    {
        var input = new ActivityInput { OccurredOn = Today, CompoundId = 1, Hours = 2, People = 3, Kind = "跳舞", Title = "广场舞" };

        var problem = ActivityRules.Check(input, Today, new Dictionary<long, long>());

        Assert.NotNull(problem);
        Assert.Equal("kind", problem.Value.Field);
        Assert.Equal(
            "The kind \"跳舞\" is not recognised; use one of: Volunteer service, Inspection and patrol, Cleanup, Practical things for the people, Building deliberation, Other.",
            Words.En(problem.Value.Error));
        Assert.Equal("类型“跳舞”无法识别，应为：志愿服务、巡查巡逻、环境清洁、为群众办实事、楼栋议事、其他。", Words.Zh(problem.Value.Error));
    }

    [Fact]
    public void Text_ListArgumentReadBackFromJson_IsStillWordedAsAList()
    {
        var stored = System.Text.Json.JsonSerializer.SerializeToElement(new DataError(VolunteerErrors.KindUnknown, "x", new List<DataError> { VolunteerKinds.ActivityKind("patrol"), VolunteerKinds.ActivityKind("other") }));

        var error = DataError.FromJson(stored);

        Assert.Equal("The kind \"x\" is not recognised; use one of: Inspection and patrol, Other.", Words.En(error));
    }

    [Theory]
    [InlineData("patrol", "patrol")]
    [InlineData(" Practical_Thing ", "practical_thing")]
    [InlineData("巡查巡逻", "patrol")]
    [InlineData("巡逻", "patrol")]
    [InlineData("我为群众办实事", "practical_thing")]
    [InlineData("其他", "other")]
    [InlineData("Inspection and patrol", null)]
    [InlineData("跳舞", null)]
    public void ParseActivity_CodeOrSheetWord_IsTheKindsCode(string written, string? code) =>
        Assert.Equal(code, VolunteerKinds.ParseActivity(written));

    [Fact]
    public void TeamKind_EachStoredKind_IsWordedInEachLanguage()
    {
        Assert.Equal("楼栋议事代表队伍", Words.Zh(VolunteerKinds.TeamKind("building_deliberation")));
        Assert.Equal("Building team", Words.En(VolunteerKinds.TeamKind("building")));
        Assert.Equal("Party–mass volunteer service team", Words.En(VolunteerKinds.TeamKind("party_mass_service")));
    }

    [Fact]
    public void Text_RatingPeriodRefusal_WordsThePeriodInEnglishAndChinese()
    {
        var error = new DataError(RatingErrors.NotPublished, RatingErrors.Period(2021, 3));

        Assert.Equal("Q3 2021 is not published, so there is nothing to re-open.", Words.En(error));
        Assert.Equal("2021年第3季度尚未发布，无需重新开放。", Words.Zh(error));
    }

    [Fact]
    public void Summary_CodedRow_IsWordedInEachLanguageWithItsWords()
    {
        var stored = ChangeSummaries.Encode(new DataError(ChangeSummaries.ScoreRecorded, "糖果雅苑", RatingErrors.Period(2026, 4), 82.4));

        Assert.Equal("糖果雅苑2026年第4季度：82.4分", Words.Summary("zh-CN", stored));
        Assert.Equal("糖果雅苑, Q4 2026: 82.4 points", Words.Summary("en", stored));
    }

    [Fact]
    public void Summary_MotionClosed_WordsTheResult()
    {
        var stored = ChangeSummaries.Encode(new DataError(ChangeSummaries.MotionClosed, "加装电梯", CouncilCommands.ResultWord(MotionResult.Passed), 7, 1, 1, 9));

        Assert.Equal("加装电梯：通过（赞成7、反对1、弃权1，在任代表9人）", Words.Summary("zh-CN", stored));
        Assert.Equal("加装电梯: passed (7 for, 1 against, 1 abstaining; 9 serving representatives)", Words.Summary("en", stored));
    }

    [Theory]
    [InlineData("T-1 楼道灯不亮")]
    [InlineData("2026年11月报表已生成：本期无记录")]
    [InlineData("{not json")]
    [InlineData("{\"Code\":\"case.not_found\",\"Args\":[]}")]
    public void Summary_PlainOrOlderRow_IsShownAsStored(string stored)
    {
        Assert.Null(ChangeSummaries.Decode(stored));
        Assert.Equal(stored, Words.Summary("en", stored));
    }
}
