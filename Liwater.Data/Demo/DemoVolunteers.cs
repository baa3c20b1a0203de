namespace Liwater.Data.Demo;

/// <summary>Volunteer teams (25 / 18 / 7 in 2021), their volunteers and about 7,000 logged activities.</summary>
internal static class DemoVolunteers
{
    /// <summary>金旗峰社区 did "70-plus" practical things for the people in 2021 (source: 70余件).</summary>
    public const int JinqifengPracticalThings2021 = 74;

    private const int RecentDays = 400;

    private static readonly (string Kind, int Weight, string[] Titles)[] Kinds =
    [
        ("service", 30, ["长者义剪服务", "党员志愿服务日", "政策宣传咨询", "关爱独居长者探访", "垃圾分类督导"]),
        ("patrol", 18, ["楼栋消防安全巡查", "夜间治安巡逻", "电动车违规充电排查", "高空抛物隐患巡查"]),
        ("cleanup", 18, ["小区环境清洁行动", "楼道杂物清理", "绿化带卫生整治", "停车场卫生清扫"]),
        ("practical_thing", 8, ["我为群众办实事：加装楼道照明", "我为群众办实事：修复小区步道", "我为群众办实事：增设休息座椅", "我为群众办实事：疏通排水管道"]),
        ("deliberation", 8, ["楼栋议事：电动车充电桩选址", "楼栋议事：公共收益使用", "楼栋议事：宠物管理公约", "楼栋议事：停车位调整"]),
        ("other", 18, ["邻里节活动", "社区学院课堂", "亲子手工活动", "读书分享会"]),
    ];

    public static void Load(DemoModel model, Random random)
    {
        InsertTeams(model, random);
        InsertActivities(model, random);
    }

    private static void InsertTeams(DemoModel model, Random random)
    {
        using var team = model.Insert(
            "INSERT INTO volunteer_teams (id, compound_id, kind, name, formed_on) VALUES (@id, @compoundId, @kind, @name, @formedOn)",
            "@id", "@compoundId", "@kind", "@name", "@formedOn");
        using var volunteer = model.Insert(
            "INSERT INTO volunteers (id, team_id, name, is_party_member, joined_on) VALUES (@id, @teamId, @name, @isPartyMember, @joinedOn)",
            "@id", "@teamId", "@name", "@isPartyMember", "@joinedOn");
        long teamId = 0;
        long volunteerId = 0;
        foreach (var compound in model.Compounds)
        {
            var kinds = new List<(string Kind, string Suffix)>();
            if (compound.Row.HasServiceTeam)
            {
                kinds.Add(("party_mass_service", "党群志愿服务队"));
            }

            if (compound.Row.HasBuildingTeam)
            {
                kinds.Add(("building", "楼栋志愿队"));
            }

            if (compound.Row.HasCouncil)
            {
                kinds.Add(("building_deliberation", "楼栋议事代表队"));
            }

            foreach (var (kind, suffix) in kinds)
            {
                var formed = random.Next(30, 300);
                team.Run(++teamId, compound.Id, kind, compound.Name + suffix, DemoTime.Text(DemoTime.Day2021(formed)));
                compound.Teams.Add((teamId, kind));
                var size = random.Next(5, 16);
                for (var v = 0; v < size; v++)
                {
                    ++volunteerId;
                    var joined = DemoTime.Day2021(formed + random.Next(0, 60));
                    volunteer.Run(volunteerId, teamId, DemoNames.Numbered("志愿者", (int)volunteerId), random.NextDouble() < 0.35 ? 1 : 0, DemoTime.Text(joined));
                }
            }
        }
    }

    // The number of random draws never depends on the clock, so everything generated after this stays deterministic.
    private static void InsertActivities(DemoModel model, Random random)
    {
        using var activity = model.Insert(
            """
            INSERT INTO volunteer_activities (team_id, compound_id, occurred_on, hours, people, kind, title, import_key, created_at)
            VALUES (@teamId, @compoundId, @occurredOn, @hours, @people, @kind, @title, NULL, @createdAt)
            """,
            "@teamId", "@compoundId", "@occurredOn", "@hours", "@people", "@kind", "@title", "@createdAt");
        var today = model.Time.Today;

        void Add(DemoCompound compound, DateOnly day, int kindIndex)
        {
            var (kind, _, titles) = Kinds[kindIndex];
            var title = titles[random.Next(titles.Length)];
            var hours = random.Next(2, 9) / 2.0;
            var people = random.Next(2, 21);
            var teamPick = random.NextDouble();
            if (kind == "deliberation" && !compound.Teams.Exists(t => t.Kind == "building_deliberation"))
            {
                (kind, title) = ("service", Kinds[0].Titles[0]);
            }

            // The year's practical things of 金旗峰 are exactly the ones logged below, so the 70+ figure holds.
            if (kind == "practical_thing" && day.Year == 2021 && compound.Community.Row.Code == "JQF")
            {
                (kind, title) = ("service", Kinds[0].Titles[1]);
            }

            long? teamId = null;
            if (kind == "deliberation")
            {
                teamId = compound.Teams.Find(t => t.Kind == "building_deliberation").Id;
            }
            else if (compound.Teams.Count > 0 && teamPick < 0.8)
            {
                teamId = compound.Teams[(int)(teamPick / 0.8 * compound.Teams.Count)].Id;
            }

            if (day <= today)
            {
                activity.Run(teamId, compound.Id, DemoTime.Text(day), hours, people, kind, title, model.Time.NowMs);
            }
        }

        // The reported year 2021, sparser than the recent window.
        foreach (var compound in model.Compounds)
        {
            for (var d = 0; d < 365; d++)
            {
                if (random.NextDouble() < 0.1)
                {
                    Add(compound, DemoTime.Day2021(d), PickKind(random));
                }
            }
        }

        var jinqifeng = model.Compounds.Where(c => c.Community.Row.Code == "JQF").ToList();
        var practical = Array.FindIndex(Kinds, k => k.Kind == "practical_thing");
        for (var i = 0; i < JinqifengPracticalThings2021; i++)
        {
            var compound = jinqifeng[random.Next(jinqifeng.Count)];
            var day = DemoTime.Day2021((i * 365 / JinqifengPracticalThings2021) + random.Next(0, 4));
            var (kind, _, titles) = Kinds[practical];
            if (day <= today)
            {
                activity.Run(null, compound.Id, DemoTime.Text(day), random.Next(2, 9) / 2.0, random.Next(2, 21), kind, titles[random.Next(titles.Length)], model.Time.NowMs);
            }
        }

        // The last 400 days up to and including today, so the screens have something from this week and this day.
        for (var offset = RecentDays - 1; offset >= 0; offset--)
        {
            var day = today.AddDays(-offset);
            foreach (var compound in model.Compounds)
            {
                if (random.NextDouble() < 0.32)
                {
                    Add(compound, day, PickKind(random));
                }
            }
        }
    }

    private static int PickKind(Random random)
    {
        var pick = random.Next(Kinds.Sum(k => k.Weight));
        for (var i = 0; i < Kinds.Length; i++)
        {
            pick -= Kinds[i].Weight;
            if (pick < 0)
            {
                return i;
            }
        }

        return 0;
    }
}
