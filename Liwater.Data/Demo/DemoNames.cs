namespace Liwater.Data.Demo;

/// <summary>
/// Names for generated people. They are visibly generated (a number or 某某 after a common surname) so nobody can take
/// a demo row for a real person.
/// </summary>
internal static class DemoNames
{
    private static readonly string[] Surnames =
        ["陈", "李", "黄", "梁", "何", "张", "王", "刘", "吴", "林", "罗", "邓", "麦", "冯", "潘", "谭", "钟", "叶", "卢", "关"];

    public static string Person(Random random) => Surnames[random.Next(Surnames.Length)] + "某某";

    public static string Numbered(string prefix, int number) => $"{prefix}{number:0000}";

    public static string Steward(Random random) => "物业管家" + Person(random);

    public static string CommunityStaff(Random random) => "社区工作人员" + Person(random);

    public static string TownStaff(Random random) => "城治办" + Person(random);

    public static string Phone(Random random) => $"138****{random.Next(10000):0000}";
}
