using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Liwater.Dashboard.Components.Layout;

/// <summary>The staff navigation's links, in order, with their icons as shared markup (built once per process).</summary>
internal static class NavLinks
{
    private static readonly IReadOnlyList<Link> Everyone =
    [
        new("/", "NavOverview", Icons.Material.Filled.Dashboard, MatchAll: true),
        new("/cases", "NavCases", Icons.Material.Filled.Assignment),
        new("/field", "NavMyWork", Icons.Material.Filled.PhoneAndroid),
        new("/meeting", "NavMeeting", Icons.Material.Filled.Groups),
        new("/councils", "NavCouncils", Icons.Material.Filled.HowToVote),
        new("/ratings", "NavRatings", Icons.Material.Filled.StarRate),
        new("/volunteers", "NavVolunteers", Icons.Material.Filled.VolunteerActivism),
        new("/reports", "NavReports", Icons.Material.Filled.Assessment),
        new("/screen", "NavScreen", Icons.Material.Filled.Tv, Target: "_blank"),
    ];

    /// <summary>The town office's links to the background work, shown only where the jobs run.</summary>
    private static readonly IReadOnlyList<Link> WithJobs =
    [
        .. Everyone,
        new("/notifications/deliveries", "NavDeliveries", Icons.Material.Filled.Outbox, TestId: "nav-deliveries"),
        // Hangfire's dashboard is not a Blazor page: a full page load, not an enhanced navigation.
        new("/jobs", "NavJobs", Icons.Material.Filled.Schedule, TestId: "nav-jobs", FullPageLoad: true),
    ];

    public static IReadOnlyList<Link> For(bool townOfficeWithJobs) => townOfficeWithJobs ? WithJobs : Everyone;

    /// <summary>The path of a base-relative URI, without query or fragment ("cases/12?x=1" → "/cases/12").</summary>
    public static string PathOf(string relative) => "/" + relative.Split('?', '#')[0].TrimEnd('/');

    internal sealed record Link(string Href, string TextKey, string IconPaths, bool MatchAll = false, string? Target = null, string? TestId = null, bool FullPageLoad = false)
    {
        public MarkupString Icon { get; } = new(IconPaths);

        /// <summary>As NavLink matches: the whole path for "/", else the link's path or a path under it.</summary>
        public bool IsActive(string path) => MatchAll
            ? path == Href
            : path == Href || path.StartsWith(Href + "/", StringComparison.OrdinalIgnoreCase);
    }
}
