using Bunit;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>The deadline chip names its mark in text and turns to 超期 — with the breach badge — at the due instant.</summary>
public sealed class CountdownTests : BunitTestBase
{
    private const long Minute = 60_000;
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(T0);

    public CountdownTests()
    {
        Services.AddSingleton<TimeProvider>(time);
        Services.AddSingleton(new DeadlinePolicy(new DeadlineOptions()));
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private static CaseRow Opened(string level) => new()
    {
        Category = CaseOptions.PropertyService, Level = level, Status = CaseStatuses.Open,
        OpenedAt = T0.ToUnixTimeMilliseconds(), LevelEnteredAt = T0.ToUnixTimeMilliseconds(), UpdatedAt = T0.ToUnixTimeMilliseconds(),
    };

    [Fact]
    public void Render_CompoundPropertyCase_ReplyMarkInTextThenOverdueAndBadgeAtTheDueInstant()
    {
        var cut = Render<Countdown>(p => p.Add(c => c.Case, Opened(CaseLevels.Compound)));
        Assert.Equal("回复", cut.Find("[data-testid=countdown-mark]").TextContent);
        Assert.Contains("剩余 5分00秒", cut.Find("[data-testid=countdown]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=breach-badge]"));

        // The chip's own one-second timer (on the fake clock) re-renders it: no reload, no watchdog.
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal("soon", cut.Find("[data-testid=countdown]").GetAttribute("data-state")));
        Assert.Empty(cut.FindAll("[data-testid=breach-badge]"));
        time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("overdue", cut.Find("[data-testid=countdown]").GetAttribute("data-state")));
        Assert.Contains("超期", cut.Find("[data-testid=countdown]").TextContent, StringComparison.Ordinal);
        Assert.Equal("超期 1 次", cut.Find("[data-testid=breach-badge]").TextContent);
    }

    [Fact]
    public void Render_EnglishCulture_TimeLeftInEnglishUnits()
    {
        using var scope = new CultureScope("en");

        var cut = Render<Countdown>(p => p.Add(c => c.Case, Opened(CaseLevels.Compound)));

        Assert.Contains("5 min 00 s left", cut.Find("[data-testid=countdown]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TownCaseWithChairsDeadline_DeadlineMarkNotOverdueAfterFifteenMinutes()
    {
        var assigned = Opened(CaseLevels.Town) with { AssignedDueAt = T0.AddDays(9).ToUnixTimeMilliseconds() };
        time.Advance(TimeSpan.FromMinutes(16));

        var cut = Render<Countdown>(p => p.Add(c => c.Case, assigned));

        Assert.Equal("办结期限", cut.Find("[data-testid=countdown-mark]").TextContent);
        Assert.Equal("due", cut.Find("[data-testid=countdown]").GetAttribute("data-state"));
        Assert.Empty(cut.FindAll("[data-testid=breach-badge]"));
    }

    [Fact]
    public void Render_CommunityCase_LevelLimitNamedWithItsLevel()
    {
        var cut = Render<Countdown>(p => p.Add(c => c.Case, Opened(CaseLevels.Community)));

        Assert.Equal("社区时限", cut.Find("[data-testid=countdown-mark]").TextContent);
    }
}
