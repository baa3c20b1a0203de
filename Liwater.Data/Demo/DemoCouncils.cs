namespace Liwater.Data.Demo;

/// <summary>
/// Roundtable deliberation councils (融和圆桌议事会) in the 7 pilot compounds: the five steps, representatives, two
/// meetings each with motions and votes. Results follow the rule: quorum when more than half of the active
/// representatives voted; passed when "for" is more than half of the votes cast; otherwise rejected.
/// </summary>
internal static class DemoCouncils
{
    /// <summary>The pilots; the first four have completed all five steps, the others the first four.</summary>
    private static readonly string[] Pilots = ["中恒海晖", "糖果雅苑", "海纳公馆", "海逸锦绣蓝湾", "糖果悦园", "金沙里", "紫山国际"];

    private const int CompletedAllSteps = 4;

    private static readonly string[] StepNotes = ["造氛围", "建队伍", "搭平台", "立规则", "抓落实"];

    private static readonly string[] MotionTitles =
    [
        "关于增设电动车集中充电桩的议案", "关于公共收益使用方案的议案", "关于调整小区停车管理办法的议案",
        "关于楼道公共区域整治的议案", "关于增设儿童游乐设施的议案", "关于制定文明养宠公约的议案",
        "关于更换老旧监控设备的议案", "关于垃圾分类投放点迁移的议案",
    ];

    private sealed record Representative(long Id, bool Active);

    public static void Load(DemoModel model, Random random)
    {
        using var council = model.Insert(
            "INSERT INTO councils (id, compound_id, name, founded_on) VALUES (@id, @compoundId, @name, @foundedOn)",
            "@id", "@compoundId", "@name", "@foundedOn");
        using var step = model.Insert(
            "INSERT INTO council_steps (council_id, step, completed_on, note) VALUES (@councilId, @step, @completedOn, @note)",
            "@councilId", "@step", "@completedOn", "@note");
        using var representative = model.Insert(
            "INSERT INTO council_representatives (id, council_id, name, building_id, is_active) VALUES (@id, @councilId, @name, @buildingId, @isActive)",
            "@id", "@councilId", "@name", "@buildingId", "@isActive");
        using var writer = new DemoMotionWriter(model);
        long representativeId = 0;
        for (var c = 0; c < Pilots.Length; c++)
        {
            var compound = model.Compound(Pilots[c]);
            var councilId = c + 1L;
            var stepDays = new List<int> { random.Next(40, 71) };
            for (var s = 1; s < 5; s++)
            {
                stepDays.Add(stepDays[^1] + random.Next(20, 36));
            }

            council.Run(councilId, compound.Id, compound.Name + "融和圆桌议事会", DemoTime.Text(DemoTime.Day2021(stepDays[0])));
            var steps = c < CompletedAllSteps ? 5 : 4;
            for (var s = 0; s < steps; s++)
            {
                step.Run(councilId, s + 1, DemoTime.Text(DemoTime.Day2021(stepDays[s])), StepNotes[s]);
            }

            var representatives = new List<Representative>();
            var count = random.Next(9, 16);
            var inactive = random.NextDouble() < 0.5 ? random.Next(count) : -1;
            for (var r = 0; r < count; r++)
            {
                var building = compound.Buildings[r % compound.Buildings.Count];
                representatives.Add(new Representative(++representativeId, r != inactive));
                representative.Run(representativeId, councilId, DemoNames.Numbered("议事代表", (int)representativeId), building.Id, r != inactive ? 1 : 0);
            }

            // The first meeting follows 搭平台 (step 3) in 2021; the second is recent, and today for the last two pilots,
            // whose final motion is still open for voting.
            var firstDay = DemoTime.Day2021(stepDays[2] + random.Next(10, 21));
            var secondDaysAgo = random.Next(5, 41);
            var votingToday = c >= Pilots.Length - 2;
            var meetings = new[]
            {
                (Start: model.Time.Ms(firstDay, 19, 30), Title: "第一次议事会议"),
                (Start: votingToday ? model.Time.NowMs - (90 * DemoTime.Minute) : model.Time.Ms(model.Time.Today.AddDays(-secondDaysAgo), 19, 30), Title: "近期议事会议"),
            };
            for (var m = 0; m < meetings.Length; m++)
            {
                var meetingId = writer.Meeting(councilId, meetings[m].Start, compound.Name + meetings[m].Title);
                var motions = random.Next(1, 4);
                for (var i = 0; i < motions; i++)
                {
                    var tiles = m == 0 && i == 0 && compound.Name == "糖果雅苑";
                    var title = tiles ? "关于外墙瓷砖维修方案及资金分担的议案" : MotionTitles[random.Next(MotionTitles.Length)];
                    var open = votingToday && m == 1 && i == motions - 1;
                    writer.Motion(
                        meetingId, title, tiles ? model.TilesCaseId : null, meetings[m].Start + (i * 20 * DemoTime.Minute), open,
                        representatives.Where(r => r.Active).Select(r => r.Id).ToList(), random, tiles);
                }
            }
        }
    }
}
