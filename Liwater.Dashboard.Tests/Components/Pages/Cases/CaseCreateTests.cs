using System.Security.Claims;
using Bunit;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Data.Cases;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Territory;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

public sealed class CaseCreateTests : BunitTestBase, IAsyncLifetime
{
    private readonly TempDatabase database = new();

    public CaseCreateTests()
    {
        var clock = new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Services.AddSingleton(database.Db);
        Services.AddSingleton(clock);
        Services.AddSingleton(new CaseOptions());
        Services.AddSingleton<CaseQueries>();
        Services.AddSingleton<CaseCommands>();
        Services.AddSingleton<TerritoryQueries>();
        var user = CurrentUser.ToPrincipal(new UserRow { Id = 1, Username = "staff-a", DisplayName = "社区甲", Role = Roles.CommunityStaff, CommunityId = CaseTestData.CommunityA, Version = 1 }, "test");
        AddAuthorization().SetAuthorized("staff-a").SetClaims([.. user.Claims.Where(c => c.Type != ClaimTypes.Name)]);
    }

    public async ValueTask InitializeAsync() => await CaseTestData.SeedAsync(database.Db);

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task Save_EmptyForm_ChineseMessageBesideEachRequiredFieldAndNothingSaved()
    {
        AddMudProviders();
        var cut = Render<CaseCreate>();

        // The events are awaited: on PostgreSQL the page's reads are truly asynchronous, so the renderer may still be
        // busy with the load when the click arrives, and a click that is only queued has not rendered its messages yet.
        await cut.WaitForElement("[data-testid=case-save]").ClickAsync(new MouseEventArgs());

        var text = cut.Markup;
        Assert.Contains("请选择小区。", text, StringComparison.Ordinal);
        Assert.Contains("请选择诉求类别。", text, StringComparison.Ordinal);
        Assert.Contains("请填写标题。", text, StringComparison.Ordinal);
        Assert.Contains("请填写描述。", text, StringComparison.Ordinal);
        Assert.Contains("请选择来源渠道。", text, StringComparison.Ordinal);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM cases"));
    }

    [Fact]
    public async Task Save_OversizedTitleAndBadPhone_MessagesAndTypedTextKept()
    {
        AddMudProviders();
        var cut = Render<CaseCreate>();
        var title = new string('长', CaseValidation.TitleMax + 1);
        cut.WaitForElement("[data-testid=case-save]");

        await cut.Find("[data-testid=field-title] input, input[data-testid=field-title]").InputAsync(new ChangeEventArgs { Value = title });
        await cut.Find("[data-testid=field-phone] input, input[data-testid=field-phone]").ChangeAsync(new ChangeEventArgs { Value = "<b>call</b>" });
        await cut.Find("[data-testid=case-save]").ClickAsync(new MouseEventArgs());

        Assert.Contains("标题不能超过 100 个字（现有 101 个）。", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("电话号码格式不正确", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(title, cut.Find("[data-testid=field-title] input, input[data-testid=field-title]").GetAttribute("value"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM cases"));
    }

    private long Count(string sql)
    {
        using var c = database.Db.OpenAsync().GetAwaiter().GetResult();
        return c.ExecuteScalar<long>(sql);
    }
}
