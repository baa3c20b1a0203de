using Bunit;
using Liwater.Dashboard.Components.Layout;
using Liwater.Dashboard.Jobs;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Access;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Tests.Components.Layout;

/// <summary>The staff navigation: the page shown is the active link, it follows navigation, and the jobs links are the town office's.</summary>
public sealed class NavMenuTests : BunitTestBase
{
    public NavMenuTests() => Services.AddSingleton(Options.Create(new JobsOptions { Enabled = true }));

    [Fact]
    public void CaseDetailPage_CasesIsTheOnlyActiveLinkAndFollowsANavigation()
    {
        AddAuthorization().SetAuthorized("staff").SetRoles(Roles.CommunityStaff);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/cases/12?tab=timeline");

        var cut = Render<NavMenu>();

        var active = cut.FindAll("a.active");
        Assert.Equal(["/cases"], active.Select(a => a.GetAttribute("href")));
        Assert.Equal("page", active[0].GetAttribute("aria-current"));
        Assert.Equal("居民诉求", active[0].TextContent.Trim());

        navigation.NavigateTo("/");
        cut.WaitForAssertion(() => Assert.Equal(["/"], cut.FindAll("a.active").Select(a => a.GetAttribute("href"))));
        Assert.Null(cut.Find("a[href='/cases']").GetAttribute("aria-current"));
    }

    [Fact]
    public void Links_StaffNine_ScreenInANewTabNoJobs()
    {
        AddAuthorization().SetAuthorized("staff").SetRoles(Roles.CommunityStaff);
        var cut = Render<NavMenu>();

        Assert.Equal(9, cut.FindAll("a.mud-nav-link").Count);
        Assert.Empty(cut.FindAll("[data-testid=nav-jobs]"));
        Assert.Equal(("_blank", "noopener noreferrer"), (cut.Find("a[href='/screen']").GetAttribute("target"), cut.Find("a[href='/screen']").GetAttribute("rel")));
        Assert.Null(cut.Find("a[href='/cases']").GetAttribute("target"));
    }

    [Fact]
    public void Links_TownOfficeEleven_JobsAsAFullPageLoad()
    {
        AddAuthorization().SetAuthorized("town").SetRoles(Roles.TownOffice);
        var cut = Render<NavMenu>();

        Assert.Equal(11, cut.FindAll("a.mud-nav-link").Count);
        Assert.Equal("false", cut.Find("[data-testid=nav-jobs]").GetAttribute("data-enhance-nav"));
        Assert.Equal("/notifications/deliveries", cut.Find("[data-testid=nav-deliveries]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("cases/", "/cases")]
    [InlineData("cases/12?x=1#top", "/cases/12")]
    public void PathOf_BaseRelativeUri_PathWithoutQueryOrTrailingSlash(string relative, string path) =>
        Assert.Equal(path, NavLinks.PathOf(relative));

    [Theory]
    [InlineData("/cases", true)]
    [InlineData("/cases/12", true)]
    [InlineData("/casesx", false)]
    [InlineData("/", false)]
    public void CasesLink_ActiveOnItsPathAndBelowOnly(string path, bool active) =>
        Assert.Equal(active, NavLinks.For(false)[1].IsActive(path));
}
