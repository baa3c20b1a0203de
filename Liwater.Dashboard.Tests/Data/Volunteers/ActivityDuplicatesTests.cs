using System.Text;
using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Volunteers;

namespace Liwater.Dashboard.Tests.Data.Volunteers;

/// <summary>One duplicate rule for the form and the CSV import, from hand-built rows (one compound with one team).</summary>
public sealed class ActivityDuplicatesTests : IDisposable
{
    private const string Header = "日期,小区,队伍,时长(小时),人数,类型,事项";
    private static readonly ActingUser TownOffice = new() { Id = 0, Username = "town", DisplayName = "城治办", Role = Roles.TownOffice };
    private readonly TempDatabase database = new();
    private readonly TownClock clock = new(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    public ActivityDuplicatesTests() => database.Db.WriteAsync((c, t) => c.ExecuteAsync(
        """
        INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'JX', '金溪社区', 'Jinxi', 1);
        INSERT INTO compounds (id, community_id, name) VALUES (1, 1, '甲小区'), (2, 1, '乙小区');
        INSERT INTO volunteer_teams (id, compound_id, kind, name) VALUES (1, 1, 'building', '甲小区楼栋队');
        """,
        transaction: t)).GetAwaiter().GetResult();

    public void Dispose() => database.Dispose();

    private VolunteerCommands Commands => new(database.Db, clock);

    private ActivityImporter Importer => new(database.Db, Commands, clock);

    [Fact]
    public async Task AddActivity_SameActivityTwice_WarnsAndCountsTheHoursOnce()
    {
        var first = await Commands.AddActivityAsync(TownOffice, Activity());

        var e = await Assert.ThrowsAsync<ActivityDuplicateException>(() => Commands.AddActivityAsync(TownOffice, Activity() with { Title = "  楼道清洁 " }));

        Assert.Equal(first, e.Stored.Id);
        Assert.False(e.Stored.Imported);
        Assert.Equal(ActivityDuplicateException.DuplicateField, e.Field);
        Assert.Equal(2.5 * 8, await HoursAsync());
    }

    [Fact]
    public async Task AddActivity_DuplicateConfirmed_StoresTheSecond()
    {
        await Commands.AddActivityAsync(TownOffice, Activity());

        await Commands.AddActivityAsync(TownOffice, Activity(), confirmDuplicate: true);

        Assert.Equal(2 * 2.5 * 8, await HoursAsync());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("people")]
    [InlineData("team")]
    [InlineData("compound")]
    [InlineData("date")]
    public async Task AddActivity_OneFieldDiffers_IsNotADuplicate(string differs)
    {
        await Commands.AddActivityAsync(TownOffice, Activity());
        var other = differs switch
        {
            "title" => Activity() with { Title = "楼道清洁二" },
            "people" => Activity() with { People = 9 },
            "team" => Activity() with { TeamId = null },
            "compound" => Activity() with { CompoundId = 2, TeamId = null },
            _ => Activity() with { OccurredOn = new DateOnly(2021, 3, 6) },
        };

        await Commands.AddActivityAsync(TownOffice, other);

        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Import_RowLoggedOnTheFormAndRowRepeated_SkipsAndListsBoth()
    {
        await Commands.AddActivityAsync(TownOffice, Activity());
        var csv = string.Join(
            "\r\n",
            Header,
            "2021/3/5,甲小区,甲小区楼栋队,2.5,8,清洁,楼道清洁",
            "2021-03-07,乙小区,,2,6,服务,新活动",
            "2021-03-07,乙小区,,2,6,志愿服务,新活动",
            "");

        var report = await Importer.ImportAsync(TownOffice, Encoding.UTF8.GetBytes(csv), "dup.csv");

        Assert.Equal((3, 1, 2), (report.Rows, report.Added, report.Duplicates));
        Assert.Equal(2, report.DuplicateRows.Count);
        Assert.Equal((2, (int?)null, false), (report.DuplicateRows[0].Row, report.DuplicateRows[0].SameAsRow, report.DuplicateRows[0].Stored!.Imported));
        Assert.Equal((4, (int?)3), (report.DuplicateRows[1].Row, report.DuplicateRows[1].SameAsRow));
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task AddActivity_SameAsAnImportedRow_Warns()
    {
        await Importer.ImportAsync(TownOffice, Encoding.UTF8.GetBytes(Header + "\n2021.3.5,甲小区,甲小区楼栋队,2.5,8,环境清洁,楼道清洁\n"), "one.csv");

        var e = await Assert.ThrowsAsync<ActivityDuplicateException>(() => Commands.AddActivityAsync(TownOffice, Activity()));

        Assert.True(e.Stored.Imported);
        Assert.Equal(1, await CountAsync());
    }

    private static ActivityInput Activity() => new()
    {
        OccurredOn = new DateOnly(2021, 3, 5),
        CompoundId = 1,
        TeamId = 1,
        Hours = 2.5,
        People = 8,
        Kind = "cleanup",
        Title = "楼道清洁",
    };

    private Task<double> HoursAsync() => database.Db.ReadAsync(c => c.ExecuteScalarAsync<double>("SELECT SUM(hours * people) FROM volunteer_activities"));

    private Task<long> CountAsync() => database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM volunteer_activities"));
}
