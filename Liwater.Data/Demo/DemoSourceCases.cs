namespace Liwater.Data.Demo;

/// <summary>
/// The two cases the source reports for 糖果雅苑 (海南洲社区). Their existence is from the source
/// (is_assumption = 0); the dates and the wording of the steps are assumptions, placed in 2021.
/// </summary>
internal static class DemoSourceCases
{
    public const string TilesTitle = "外墙瓷砖脱落";
    public const string PairedUnit = "里水镇退役军人服务中心党支部";

    public static IEnumerable<DemoCaseDraft> Create(DemoModel model)
    {
        var compound = model.Compound("糖果雅苑");
        yield return FallingTiles(model.Time, compound);
        yield return WestGate(model.Time, compound);
    }

    private static DemoCaseDraft FallingTiles(DemoTime time, DemoCompound compound)
    {
        var draft = new DemoCaseDraft(
            compound, compound.Buildings[0].Id, "building_safety", TilesTitle,
            "多栋住宅外墙瓷砖脱落，存在高空坠落隐患，居民要求尽快维修并明确维修资金来源。", "steward_group")
        {
            IsAssumption = false,
            ReporterName = "业主代表（演示）",
        };
        var community = compound.Community.Row.Name;
        draft.Open(time.Ms(new DateOnly(2021, 3, 8), 9, 30), "物业管家（演示）")
            .Reply(time.Ms(new DateOnly(2021, 3, 8), 9, 34), "物业管家（演示）", "已收到，先行拉设警戒线并安排排查。")
            .Action(time.Ms(new DateOnly(2021, 3, 8), 9, 40), "物业管家（演示）", "已在脱落区域拉设警戒线，提醒居民绕行。")
            .Escalate(
                time.Ms(new DateOnly(2021, 3, 20), 15), "小区党支部（演示）", "community", "community_office", community + "居委会",
                "涉及维修资金使用与多方责任，小区层面无法解决，提交社区协调。");
        var day = new DateOnly(2021, 3, 25);
        for (var round = 1; round <= 12; round++)
        {
            draft.Consultation(
                time.Ms(day, 19, 30), community + "（演示）",
                $"第{round}次协商：业主代表、物业公司、开发商与社区就维修方案和资金分担进行协商。");
            day = day.AddDays(14);
        }

        var done = day;
        return draft
            .Result(time.Ms(done, 10), community + "（演示）", "外墙瓷砖维修完成，经现场验收合格。")
            .Resolve(time.Ms(done, 11), community + "（演示）", "经12次协商达成一致并完成维修。")
            .ConfirmSatisfied(time.Ms(done.AddDays(3), 10), "业主代表（演示）", "居民对维修结果表示满意。")
            .Close(time.Ms(done.AddDays(3), 11), DemoCaseDraft.System, "居民确认满意，结案。");
    }

    private static DemoCaseDraft WestGate(DemoTime time, DemoCompound compound)
    {
        var draft = new DemoCaseDraft(
            compound, null, "environment_sanitation", "西门及停车场区域脏乱差",
            "小区西门及停车场区域垃圾堆积、车辆乱停，环境脏乱差，居民多次反映。", "grid_member")
        {
            IsAssumption = false,
        };
        var community = compound.Community.Row.Name;
        var opened = new DateOnly(2021, 5, 11);
        return draft
            .Open(time.Ms(opened, 10), "网格员（演示）")
            .Reply(time.Ms(opened, 11), "物业管家（演示）", "已安排保洁人员清理。")
            .Escalate(
                time.Ms(opened.AddDays(4), 9), "小区党支部（演示）", "community", "community_office", community + "居委会",
                "问题反复出现，涉及小区外公共区域，需社区统筹。")
            .Pairing(
                time.Ms(opened.AddDays(7), 9), community + "（演示）", PairedUnit,
                "“党建星期二”结对共建：" + PairedUnit + "与社区党委结对，共同整治西门及停车场。")
            .Action(time.Ms(opened.AddDays(7), 14), PairedUnit, "结对党员志愿者清理垃圾、规划停车位。")
            .Result(time.Ms(opened.AddDays(14), 16), PairedUnit, "西门及停车场区域整治完成，环境明显改善。")
            .Resolve(time.Ms(opened.AddDays(14), 17), community + "（演示）", "结对共建完成整治。")
            .ConfirmSatisfied(time.Ms(opened.AddDays(16), 10), "业主代表（演示）", "居民对整治效果满意。")
            .Close(time.Ms(opened.AddDays(16), 11), DemoCaseDraft.System, "居民确认满意，结案。");
    }
}
