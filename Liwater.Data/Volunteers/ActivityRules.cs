namespace Liwater.Data.Volunteers;

/// <summary>What makes an activity acceptable; shared by the form and the CSV import so both say the same thing.</summary>
public static class ActivityRules
{
    public const int MaxTitleLength = 200;
    public const int MaxPeople = 10_000;

    /// <summary>Returns the first problem as (field, Chinese message), or null when the activity can be stored.</summary>
    /// <param name="teamsOfCompound">team id → compound id, to check the team belongs to the compound.</param>
    public static (string Field, string Message)? Check(ActivityInput input, DateOnly today, IReadOnlyDictionary<long, long> teamsOfCompound)
    {
        if (input.OccurredOn is not { } day)
        {
            return ("date", "请填写日期。");
        }

        if (day > today)
        {
            return ("date", $"日期 {day:yyyy-MM-dd} 晚于今天，不能登记未发生的活动。");
        }

        if (input.CompoundId is null)
        {
            return ("compound", "请选择小区。");
        }

        if (input.TeamId is { } team && (!teamsOfCompound.TryGetValue(team, out var owner) || owner != input.CompoundId))
        {
            return ("team", "所选队伍不属于该小区。");
        }

        if (input.Hours is not { } hours || double.IsNaN(hours) || hours <= 0 || hours > 24)
        {
            return ("hours", "时长应大于0且不超过24小时。");
        }

        if (input.People is not { } people || people <= 0 || people > MaxPeople)
        {
            return ("people", $"人数应为1到{MaxPeople}之间的整数。");
        }

        if (VolunteerKinds.ParseActivity(input.Kind) is null)
        {
            return ("kind", $"类型“{input.Kind}”无法识别，应为：{string.Join("、", VolunteerKinds.Activities.Select(a => a.Name))}。");
        }

        if (string.IsNullOrWhiteSpace(input.Title))
        {
            return ("title", "请填写事项。");
        }

        if (input.Title.Trim().Length > MaxTitleLength)
        {
            return ("title", $"事项不能超过{MaxTitleLength}个字。");
        }

        return null;
    }
}
