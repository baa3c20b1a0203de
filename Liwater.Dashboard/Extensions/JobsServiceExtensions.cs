using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Liwater.Dashboard.Jobs;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Statistics;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>Hangfire and the recurring jobs (Jobs/): owned by the jobs work.</summary>
public static class JobsServiceExtensions
{
    public const string DashboardPath = "/jobs";

    public static IServiceCollection AddLiwaterJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JobsOptions>(configuration, JobsOptions.Section, (o, _) => o.Validate());
        services.AddValidatedOptions<BackupOptions>(configuration, BackupOptions.Section, (o, section) => OptionsValidation.AtLeast(section, nameof(BackupOptions.KeepDays), o.KeepDays, 1));

        // Data-side commands the jobs call; they are plain classes, usable without Hangfire (tests, tools).
        services.AddSingleton<SnapshotCommands>();
        services.AddSingleton<AggregateCheck>();
        services.AddSingleton<RatingCommands>();
        services.AddSingleton<AutoEscalation>();
        services.AddTransient<StatisticsSnapshotJob>();
        services.AddTransient<DeadlineWatchdogJob>();
        services.AddTransient<PropertyRatingsJob>();
        services.AddTransient<BackupJob>();
        services.AddTransient<MonthlyReportJob>();
        services.AddTransient<AggregateCheckJob>();
        services.AddSingleton<StatisticsSnapshotScheduler>();

        // SIGTERM ends the app in under 5 s with exit 0, whatever is open (a wall, hub clients, a running job).
        services.Configure<HostOptions>(o => o.ShutdownTimeout = JobsServer.HostShutdownTimeout);

        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (!jobs.Enabled)
        {
            return services;
        }

        // The delivery job schedules its own retries, so it exists only where Hangfire does (notifications still reach
        // the bell without it).
        services.AddTransient<Notifications.NotificationDeliveryJob>();

        // Registered before AddHangfire (which only adds a provider if none exists) so that a second app host in the
        // same process does not add a second copy to Hangfire's process-wide filter list.
        services.AddHostedService<SnapshotOnChanges>();
        services.AddSingleton<IJobFilterProvider>(sp => JobFailureLogger.Provider(sp.GetRequiredService<ILogger<JobFailureLogger>>()));
        services.AddHangfire((sp, config) =>
        {
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            var db = sp.GetRequiredService<Db>();
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (db.Provider == DatabaseProvider.PostgreSql)
            {
                // Several nodes share one store, so each recurring job is enqueued once per cluster and run by one node
                // (docs/decisions/0122). Settings for minute-level jobs: workers wait on LISTEN/NOTIFY instead of
                // polling every 15 s; a running job keeps its fetch alive (sliding invisibility) instead of being
                // fetched again after 30 min; a node killed holding a lock blocks the others for a minute, not ten.
                config.UsePostgreSqlStorage(
                    c => c.UseNpgsqlConnection(db.ConnectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        EnableLongPolling = true,
                        QueuePollInterval = TimeSpan.FromSeconds(options.PollIntervalSeconds),
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = TimeSpan.FromMinutes(5),
                        DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    });
                return;
            }

            var path = sp.GetRequiredService<IOptions<LiwaterOptions>>().Value.ResolvePath(options.StoragePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            config.UseSQLiteStorage(path, new SQLiteStorageOptions
            {
                QueuePollInterval = TimeSpan.FromSeconds(options.PollIntervalSeconds),
                AutoVacuumSelected = SQLiteStorageOptions.AutoVacuum.INCREMENTAL,
            });
        });
        services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.WorkerCount = options.WorkerCount;
            server.SchedulePollingInterval = TimeSpan.FromSeconds(options.PollIntervalSeconds);
            server.ServerName = $"liwater-{Environment.MachineName}-{Environment.ProcessId}";
            server.ShutdownTimeout = JobsServer.ShutdownTimeout;
        });

        // Hangfire's hosted service, just added, started after the app answers and stopped without crashing the host
        // (see JobsServer). Registered as itself too, so that tests can wait for it.
        var hangfire = services.Last(d => d.ServiceType == typeof(IHostedService));
        services.Remove(hangfire);
        services.AddSingleton(sp => new JobsServer(
            () => hangfire.ImplementationFactory is { } factory ? (IHostedService)factory(sp)
                : hangfire.ImplementationInstance is IHostedService instance ? instance
                : (IHostedService)ActivatorUtilities.CreateInstance(sp, hangfire.ImplementationType!),
            sp,
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILogger<JobsServer>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<JobsServer>());
        return services;
    }

    /// <summary>Serves the dashboard at /jobs to town-office users only (the recurring jobs are registered by
    /// <see cref="JobsServer"/> once the app answers).</summary>
    public static WebApplication MapLiwaterJobs(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<JobsOptions>>().Value.Enabled)
        {
            return app;
        }

        // Hangfire's dashboard resolves its storage (opening the jobs database, creating its tables: ~75 ms) when it is
        // mapped. Built on the first /jobs request instead, so the first page after a start does not wait for it
        // (decision 0127); by then the jobs server has usually opened the storage already.
        var dashboard = new Lazy<RequestDelegate>(() =>
        {
            var branch = ((IApplicationBuilder)app).New();
            branch.UseHangfireDashboard(DashboardPath, new DashboardOptions
            {
                // Never Hangfire's default local-requests-only filter: that lets anyone on the server in, and nobody else.
                Authorization = [new TownOfficeDashboardFilter()],
                AsyncAuthorization = [],
                // Set once for every request, so it carries no words: Hangfire's own texts and the job names (JobNames)
                // follow the request's culture, a fixed title could not.
                DashboardTitle = "Liwater · Hangfire",
                AppPath = "/",
                DisplayStorageConnectionString = false,
            });
            return branch.Build();
        });
        app.Use(TownOfficeDashboardFilter.GateAsync);
        app.Use((context, next) => context.Request.Path.StartsWithSegments(DashboardPath) ? dashboard.Value(context) : next(context));
        return app;
    }
}
