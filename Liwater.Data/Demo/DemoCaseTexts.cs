namespace Liwater.Data.Demo;

/// <summary>Chinese wording for generated cases: titles and descriptions by category, and the step texts.</summary>
internal static class DemoCaseTexts
{
    public static readonly (string Category, int Weight, (string Title, string Description)[] Items)[] Categories =
    [
        ("building_safety", 14, [
            ("楼道消防通道堆放杂物", "楼道及消防通道长期堆放纸箱、旧家具，存在消防隐患。"),
            ("电梯频繁故障停运", "电梯近期多次停运困人，居民担心安全，要求彻查维保。"),
            ("地下车库顶板渗水", "地下车库顶板多处渗水，墙皮脱落，影响停车安全。"),
            ("电动车楼道违规充电", "有住户在楼道拉线为电动车充电，存在火灾隐患。")]),
        ("environment_sanitation", 16, [
            ("垃圾分类点异味严重", "垃圾分类投放点清运不及时，异味严重，蚊蝇滋生。"),
            ("绿化带积水蚊虫多", "绿化带排水不畅长期积水，蚊虫较多。"),
            ("宠物粪便无人清理", "小区步道宠物粪便较多，影响环境卫生。")]),
        ("parking_traffic", 14, [
            ("消防通道被车辆占用", "夜间有车辆长期占用消防通道，影响应急通行。"),
            ("小区门口非机动车乱停放", "小区出入口非机动车乱停乱放，影响通行。"),
            ("外来车辆占用业主车位", "外来车辆进入小区占用业主车位，门岗管理不到位。")]),
        ("neighbour_dispute", 10, [
            ("楼上漏水引发邻里纠纷", "楼上住户卫生间漏水渗至楼下，双方协商未果。"),
            ("夜间噪音扰民", "有住户夜间装修、聚会噪音较大，影响休息。"),
            ("公共区域被私自占用", "个别住户私自占用楼道公共区域放置物品，邻里有矛盾。")]),
        ("public_facilities", 14, [
            ("儿童游乐设施损坏", "小区儿童游乐设施部分损坏，存在安全隐患。"),
            ("路灯不亮", "小区主干道多盏路灯不亮，夜间出行不便。"),
            ("健身器材缺少维护", "健身器材生锈松动，需维修更换。")]),
        ("other", 6, [
            ("希望增设长者饭堂", "小区老年人较多，希望社区协调增设长者饭堂或助餐点。"),
            ("快递柜数量不足", "快递柜数量不足，快递堆放在门岗，容易丢失。")]),
    ];

    public static readonly (string Title, string Description)[] PropertyService =
    [
        ("家中水管爆裂请求维修", "住户厨房水管爆裂漏水，请求物业尽快上门维修。"),
        ("电梯按键失灵", "电梯部分楼层按键失灵，请求报修。"),
        ("门禁卡无法使用", "业主门禁卡无法开门，请求处理。"),
        ("楼道灯损坏", "楼道声控灯损坏，夜间较暗，请求更换。"),
        ("地下车库照明不足", "地下车库部分照明灯不亮，请求维修。"),
    ];

    public static readonly string[] TownDepartments = ["里水镇城市社区综合治理办公室", "里水镇综合行政执法办公室", "里水镇住房和城乡建设办公室"];

    public static readonly string[] Replies = ["已收到诉求，正在安排人员核实。", "已联系反映人，了解具体情况。", "已登记，将于今日内上门查看。"];

    public static readonly string[] Actions = ["已安排人员到现场处理。", "已联系相关单位现场查看并制定处理方案。", "已发出整改通知，督促落实。"];

    public static readonly string[] Consultations = ["召集业主代表、物业及相关方协商处理方案。", "楼栋议事代表参与协商，形成初步意见。", "与相关单位再次协商，细化整改措施。"];

    public static readonly string[] Results = ["问题已处理完毕，现场复核合格。", "已按协商方案完成整改。", "相关设施已修复并恢复使用。"];

    public static readonly string[] CancelReasons = ["反映人撤回诉求。", "重复提交，已合并至同一事项。", "经核实不属于本小区事项，已告知反映人。"];

    public static readonly string[] PairedUnits = ["里水镇退役军人服务中心党支部", "里水镇社会工作服务站党支部", "里水镇文体服务中心党支部"];

    public static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
