using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Liwater.Data.Statistics;
using Liwater.Data.Territory;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

public static class DataServiceExtensions
{
    /// <summary>Registers the database, the clocks and the query classes of <c>Liwater.Data</c>.</summary>
    public static IServiceCollection AddLiwaterData(this IServiceCollection services, IConfiguration configuration)
    {
        // Every settings class is checked by an IValidateOptions naming each bad key (OptionsValidation); the host runs
        // them all before starting and Program.cs prints every failure in one message.
        services.AddValidatedOptions<LiwaterOptions>(configuration, LiwaterOptions.Section, (sp, o, section) => LiwaterRules(o, section, sp));
        // First hosted service: the schema must be current before anything else (jobs, Kestrel) starts.
        services.AddHostedService<StartupTasks>();
        services.Configure<DatabaseOptions>(configuration.GetSection("Liwater:Database"));
        services.AddValidatedOptions<RatingOptions>(configuration, "Liwater:Ratings", (o, section) => o.Validate(section));

        services.AddSingleton(TimeProvider.System);
        RaiseThreadPoolFloor();
        services.AddSingleton(sp =>
        {
            var zoneId = sp.GetRequiredService<IOptions<LiwaterOptions>>().Value.TimeZone;
            return new TownClock(sp.GetRequiredService<TimeProvider>(), FindZone(zoneId));
        });
        services.AddSingleton(sp =>
        {
            var root = sp.GetRequiredService<IOptions<LiwaterOptions>>().Value;
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var resolved = new DatabaseOptions
            {
                Provider = options.Provider,
                Path = root.ResolvePath(options.Path),
                ConnectionString = options.ConnectionString,
                BusyTimeoutMilliseconds = options.BusyTimeoutMilliseconds,
                MaxWritesPerCommit = options.MaxWritesPerCommit,
            };
            return new Db(resolved, sp.GetRequiredService<IChangeSignal>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => sp.GetRequiredService<IOptionsMonitor<RatingOptions>>().CurrentValue);
        services.AddSingleton<StatisticsQueries>();
        services.AddSingleton<TerritoryQueries>();
        services.AddSingleton<CompoundProfileQueries>();
        services.AddSingleton<SnapshotQueries>();
        return services;
    }

    // Microsoft.Data.Sqlite's async methods run synchronously: every read and every commit (an fsync under
    // synchronous = FULL) holds a pool thread for its whole duration. Under a burst of requests the pool runs out of
    // threads and adds one only every ~0.5 s beyond its minimum (= cores), so requests wait seconds while the CPU
    // idles (decision 0161). A higher floor lets the pool grow at once; idle threads above it retire by themselves.
    private const int MinPoolThreads = 64;

    private static void RaiseThreadPoolFloor()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MinPoolThreads), Math.Max(io, MinPoolThreads));
    }

    /// <summary>The top-level settings: a known time zone, and no demo data or demo secrets outside Development.</summary>
    private static IEnumerable<string> LiwaterRules(LiwaterOptions options, string section, IServiceProvider services)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            yield return $"{section}:TimeZone is '{options.TimeZone}', which this machine does not know. Use an IANA id such as Asia/Shanghai.";
        }

        var environment = services.GetRequiredService<IHostEnvironment>();
        if (!environment.IsDevelopment() && options.LoadDemoData)
        {
            yield return $"{section}:LoadDemoData is true in the {environment.EnvironmentName} environment. Set it to false (Liwater__LoadDemoData=false); demo data is for Development only.";
        }

        foreach (var problem in DemoSecrets.FindOutsideDevelopment(services.GetRequiredService<IConfiguration>(), environment))
        {
            yield return problem;
        }
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new StartupException($"Liwater:TimeZone is '{id}', which this machine does not know. Use an IANA id such as Asia/Shanghai.", e);
        }
    }
}
