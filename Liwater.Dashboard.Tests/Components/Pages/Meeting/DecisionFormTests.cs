using Bunit;
using Dapper;
using Liwater.Dashboard.Components.Pages.Meeting;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.Meeting;

/// <summary>The chair's decision form: bad input gets a Chinese message beside the field and nothing is stored.</summary>
public sealed class DecisionFormTests : BunitTestBase
{
    private static readonly ActingUser Chair = new() { Username = "chair", DisplayName = "召集人", Role = Roles.Chair };

    private readonly TempDatabase database = new();

    public DecisionFormTests()
    {
        var clock = new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Services.AddSingleton(clock);
        Services.AddSingleton(new MeetingCommands(database.Db, clock, new CaseCommands(database.Db, clock, new CaseOptions())));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        database.Dispose();
    }

    private static AgendaItem CaseItem => new(null, new CaseRow { Id = 7, Code = "LS-2026-0007", Title = "外墙瓷砖脱落", Level = CaseLevels.Town, Version = 3 });

    private IRenderedComponent<DecisionForm> RenderForm(AgendaItem item) =>
        Render<DecisionForm>(p => p.Add(x => x.MeetingId, 1).Add(x => x.Item, item).Add(x => x.Actor, Chair));

    [Fact]
    public void Save_NoKindChosen_AsksForOne()
    {
        var cut = RenderForm(CaseItem);

        cut.Find("[data-testid=decision-save]").Click();

        Assert.Equal("请选择决定类型。", cut.Find("[data-testid=error-kind]").TextContent);
    }

    [Fact]
    public async Task Save_AssignWithoutAssigneeOrDeadline_MessagesBesideFieldsAndNothingStored()
    {
        var cut = RenderForm(CaseItem);
        cut.Find("[data-testid=kind-assign]").Click();

        cut.Find("[data-testid=decision-save]").Click();

        Assert.Contains("请填写承办部门或单位。", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("请填写办结期限。", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(0, await database.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM meeting_items")));
    }

    [Fact]
    public void Kinds_OwnItem_OffersAssignOrNoteOnly()
    {
        var cut = RenderForm(new AgendaItem(new MeetingItemRow { Id = 4, MeetingId = 1, Title = "部署消防检查" }, null));

        Assert.Equal(2, cut.FindAll("[data-testid^=kind-]").Count);
        Assert.Empty(cut.FindAll("[data-testid=kind-return]"));
    }
}
