using System.Net;
using System.Security.Claims;
using Hangfire;
using Hangfire.Storage;
using Liwater.Dashboard.Jobs;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

/// <summary>Hangfire in the real app: the /jobs dashboard's refusals, the registrations, a restart.</summary>
[Collection(AppCollection.Name)]
public sealed class JobsHostTests
{
    [Fact]
    public async Task GetJobs_Anonymous_IsRefusedWith401()
    {
        using var app = new RoleAppFactory();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var response = await http.GetAsync(new Uri("/jobs", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("community_staff")]
    [InlineData("chair")]
    [InlineData("assessor")]
    public async Task GetJobs_SignedInWithAnotherRole_IsRefusedWith403(string role)
    {
        using var app = new RoleAppFactory();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add(RoleAppFactory.Header, role);

        var response = await http.GetAsync(new Uri("/jobs/recurring", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetJobsRecurring_TownOffice_SeesTheRecurringJobsInShanghaiTimeNamedInTheCookiesLanguage()
    {
        using var app = new RoleAppFactory();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add(RoleAppFactory.Header, TownOfficeDashboardFilter.Role);
        app.WaitForJobs();

        var chinese = await RecurringPageAsync(http, culture: null);
        var english = await RecurringPageAsync(http, culture: "en");

        Assert.Contains(RecurringJobs.DeadlineWatchdog, chinese, StringComparison.Ordinal);
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs();
        Assert.Equal(
            [RecurringJobs.AggregateCheck, RecurringJobs.Backup, RecurringJobs.DeadlineWatchdog, RecurringJobs.MonthlyReport, RecurringJobs.NotificationDigest, RecurringJobs.NotificationSweep, RecurringJobs.PropertyRatings, RecurringJobs.StatisticsSnapshot],
            recurring.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(recurring, r => Assert.Equal("Asia/Shanghai", r.TimeZoneId));

        Assert.Contains("时限监察", chinese, StringComparison.Ordinal);
        Assert.Contains("每日通知摘要", chinese, StringComparison.Ordinal);
        Assert.Contains("Deadline watchdog", english, StringComparison.Ordinal);
        Assert.Contains("Daily notification digest", english, StringComparison.Ordinal);
        Assert.DoesNotContain("时限监察", english, StringComparison.Ordinal);
        // The title is set once for all requests, so it carries no words of either language.
        Assert.All([chinese, english], page => Assert.Contains("Liwater · Hangfire", page, StringComparison.Ordinal));
    }

    private static async Task<string> RecurringPageAsync(HttpClient http, string? culture)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/jobs/recurring", UriKind.Relative));
        if (culture is not null)
        {
            request.Headers.Add("Cookie", ".AspNetCore.Culture=" + Uri.EscapeDataString($"c={culture}|uic={culture}"));
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Schedule_BeforeARestart_RunsAfterIt()
    {
        string jobId;
        string dataFolder;
        using (var first = new LiwaterAppFactory())
        {
            // The first host looks for due jobs only once a minute, so it is gone before the job is due.
            first.Settings["Liwater:Jobs:PollIntervalSeconds"] = "60";
            first.StartServer();
            dataFolder = first.DataFolder;
            jobId = first.Services.GetRequiredService<IBackgroundJobClient>().Schedule<BackupJob>(job => job.RunAsync(), TimeSpan.FromSeconds(2));
        }

        var backups = Path.Combine(dataFolder, "backups");
        Assert.False(Directory.Exists(backups) && Directory.EnumerateFiles(backups).Any());

        using var second = new LiwaterAppFactory(dataFolder);
        second.Settings["Liwater:Jobs:PollIntervalSeconds"] = "1";
        second.StartServer();
        var monitor = second.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? state = null;
        while (DateTime.UtcNow < deadline && state != "Succeeded")
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            state = monitor.JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
        }

        Assert.Equal("Succeeded", state);
        // The day's backup: a SQLite file, or a pg_dump archive on PostgreSQL.
        Assert.Single(Directory.GetFiles(backups, TestDatabases.IsPostgreSql ? "liwater-*.dump" : "liwater-*.db"));
    }

    /// <summary>The real app, where a request header stands in for the cookie sign-in (built separately).</summary>
    private sealed class RoleAppFactory : LiwaterAppFactory
    {
        public const string Header = "X-Test-Role";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RoleHeaderStartup>());
        }

        private sealed class RoleHeaderStartup : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (context.Request.Headers.TryGetValue(Header, out var role))
                    {
                        context.User = new ClaimsPrincipal(new ClaimsIdentity(
                            [new Claim(ClaimTypes.Name, "test-" + role), new Claim(ClaimTypes.Role, role.ToString())], "Test"));
                    }

                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
