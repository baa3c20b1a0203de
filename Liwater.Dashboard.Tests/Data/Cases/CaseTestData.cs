using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Database;

namespace Liwater.Dashboard.Tests.Data.Cases;

/// <summary>A tiny territory (two communities, a compound each, two buildings each) and users for case tests.</summary>
internal static class CaseTestData
{
    public const long CommunityA = 901;
    public const long CommunityB = 902;
    public const long CompoundA = 9101;
    public const long CompoundB = 9201;
    public const long BuildingA1 = 91011;
    public const long BuildingB1 = 92011;

    public static ActingUser Town { get; } = new() { Id = 0, Username = "town", DisplayName = "城治办", Role = Roles.TownOffice };

    public static ActingUser StaffA { get; } = new() { Id = 0, Username = "staff-a", DisplayName = "社区甲", Role = Roles.CommunityStaff, CommunityId = CommunityA };

    public static ActingUser StaffB { get; } = new() { Id = 0, Username = "staff-b", DisplayName = "社区乙", Role = Roles.CommunityStaff, CommunityId = CommunityB };

    public static ActingUser Chair { get; } = new() { Id = 0, Username = "chair", DisplayName = "召集人", Role = Roles.Chair };

    public static ActingUser Viewer { get; } = new() { Id = 0, Username = "viewer", DisplayName = "观察员", Role = Roles.Viewer };

    /// <summary>The case commands on <paramref name="db"/> with Lishui's clock at <paramref name="time"/> and the default options.</summary>
    public static CaseCommands Commands(Db db, TimeProvider time) =>
        new(db, new TownClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")), new CaseOptions());

    public static async Task SeedAsync(Db db) =>
        await db.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (901, 'test-a', '测试甲社区', 'Test A', 91), (902, 'test-b', '测试乙社区', 'Test B', 92);
            INSERT INTO compounds (id, community_id, name) VALUES (9101, 901, '测试甲小区'), (9201, 902, '测试乙小区');
            INSERT INTO buildings (id, compound_id, name) VALUES (91011, 9101, '1栋'), (91012, 9101, '2栋'), (92011, 9201, '1栋'), (92012, 9201, '2栋');
            """,
            transaction: t));

    public static NewCase Input(string category = "building_safety", long compoundId = CompoundA, long? buildingId = BuildingA1) => new()
    {
        CompoundId = compoundId,
        BuildingId = buildingId,
        Category = category,
        Title = "外墙瓷砖脱落",
        Description = "3栋外墙瓷砖脱落，存在安全隐患。",
        SourceChannel = "steward_group",
        ReporterName = "李女士",
        ReporterPhone = "13812345678",
        Level = CaseLevels.Compound,
        AssignedUnitKind = "property_company",
        AssignedUnitName = "测试物业",
    };
}
