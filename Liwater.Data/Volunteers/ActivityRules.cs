using Liwater.Data.Database;

namespace Liwater.Data.Volunteers;

/// <summary>What makes an activity acceptable; shared by the form and the CSV import so both say the same thing.</summary>
public static class ActivityRules
{
    public const int MaxTitleLength = 200;
    public const int MaxPeople = 10_000;

    /// <summary>Returns the first problem as (field, error code), or null when the activity can be stored.</summary>
    /// <param name="teamsOfCompound">team id → compound id, to check the team belongs to the compound.</param>
    public static (string Field, DataError Error)? Check(ActivityInput input, DateOnly today, IReadOnlyDictionary<long, long> teamsOfCompound)
    {
        if (input.OccurredOn is not { } day)
        {
            return ("date", new DataError(VolunteerErrors.DateRequired));
        }

        if (day > today)
        {
            return ("date", new DataError(VolunteerErrors.DateAfterToday, TownClock.Iso(day)));
        }

        if (input.CompoundId is null)
        {
            return ("compound", new DataError(VolunteerErrors.CompoundRequired));
        }

        if (input.TeamId is { } team && (!teamsOfCompound.TryGetValue(team, out var owner) || owner != input.CompoundId))
        {
            return ("team", new DataError(VolunteerErrors.TeamNotInCompound));
        }

        if (input.Hours is not { } hours || double.IsNaN(hours) || hours <= 0 || hours > 24)
        {
            return ("hours", new DataError(VolunteerErrors.HoursRange));
        }

        if (input.People is not { } people || people <= 0 || people > MaxPeople)
        {
            return ("people", new DataError(VolunteerErrors.PeopleRange, MaxPeople));
        }

        if (VolunteerKinds.ParseActivity(input.Kind) is null)
        {
            return ("kind", new DataError(VolunteerErrors.KindUnknown, input.Kind, VolunteerKinds.Activities.Select(VolunteerKinds.ActivityKind).ToList()));
        }

        return TextRules.Check(input.Title, MaxTitleLength, required: true, VolunteerErrors.TitleLabel) is { } title ? ("title", title) : null;
    }
}
