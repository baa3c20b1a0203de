using static Liwater.Data.Demo.DemoCaseTexts;

namespace Liwater.Data.Demo;

/// <summary>
/// Resident cases: the two source cases plus about 250 generated ones opened over the last 60 days, in every status
/// and at every level, with timelines consistent with their state and deadlines.
/// </summary>
internal static class DemoCases
{
    private static readonly string[] Channels = ["steward_group", "hotline", "council", "grid_member", "walk_in"];

    private static readonly string[] PropertyServiceChannels = ["steward_group", "steward_group", "walk_in", "hotline"];

    /// <summary>What one generated case should end up as; <see cref="Overdue"/> puts an open case past its due time.</summary>
    private sealed record Plan(string Status, string Level, bool Overdue, bool PropertyService);

    public static void Load(DemoModel model, Random random)
    {
        var drafts = DemoSourceCases.Create(model).ToList();
        foreach (var plan in BuildPlan(random))
        {
            drafts.Add(Generate(model, random, plan));
        }

        DemoCaseWriter.Insert(model, drafts);
    }

    // 74 open or in progress (12 of them overdue: 2 town, 3 community, 7 compound), 40 resolved, 126 closed, 10 cancelled.
    private static List<Plan> BuildPlan(Random random)
    {
        var plans = new List<Plan>();
        void Add(int count, string status, string level, int overdue, bool propertyService = false)
        {
            for (var i = 0; i < count; i++)
            {
                plans.Add(new Plan(status, level, i < overdue, propertyService));
            }
        }

        Add(3, "open", "town", 1);
        Add(5, "in_progress", "town", 1);
        Add(6, "open", "community", 1);
        Add(12, "in_progress", "community", 2);
        Add(14, "open", "compound", 2);
        Add(24, "in_progress", "compound", 2);
        Add(4, "open", "compound", 1, propertyService: true);
        Add(6, "in_progress", "compound", 2, propertyService: true);
        foreach (var (status, count) in new[] { ("resolved", 40), ("closed", 126), ("cancelled", 10) })
        {
            for (var i = 0; i < count; i++)
            {
                var r = random.NextDouble();
                var level = r < 0.6 ? "compound" : r < 0.88 ? "community" : "town";
                plans.Add(new Plan(status, level, false, level == "compound" && random.NextDouble() < 0.3));
            }
        }

        return plans;
    }

    private static DemoCaseDraft Generate(DemoModel model, Random random, Plan plan)
    {
        var compound = model.Compounds[random.Next(model.Compounds.Count)];
        long? buildingId = random.NextDouble() < 0.8 ? compound.Buildings[random.Next(compound.Buildings.Count)].Id : null;
        string category;
        (string Title, string Description) item;
        string channel;
        if (plan.PropertyService)
        {
            (category, item, channel) = ("property_service", Pick(random, PropertyService), Pick(random, PropertyServiceChannels));
        }
        else
        {
            var pick = random.Next(Categories.Sum(c => c.Weight));
            var index = 0;
            while ((pick -= Categories[index].Weight) >= 0)
            {
                index++;
            }

            (category, item, channel) = (Categories[index].Category, Pick(random, Categories[index].Items), Pick(random, Channels));
        }

        var draft = new DemoCaseDraft(compound, buildingId, category, item.Title, item.Description, channel);
        if (random.NextDouble() < 0.7)
        {
            (draft.ReporterName, draft.ReporterPhone) = (DemoNames.Person(random), DemoNames.Phone(random));
        }

        var timelines = new DemoCaseTimelines(model, random, draft);
        if (plan.Status == "cancelled")
        {
            timelines.Cancelled();
        }
        else if (plan.Status is "resolved" or "closed")
        {
            timelines.Done(plan.Level, plan.Status == "closed");
        }
        else if (plan.PropertyService)
        {
            timelines.ActivePropertyService(plan.Status == "in_progress", plan.Overdue);
        }
        else
        {
            timelines.Active(plan.Level, plan.Status == "in_progress", plan.Overdue);
        }

        if (draft.Status != plan.Status)
        {
            throw new InvalidOperationException($"Generated case '{draft.Title}' ended {draft.Status}, planned {plan.Status}.");
        }

        return draft;
    }
}
