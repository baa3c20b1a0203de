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
        services.Configure<LiwaterOptions>(configuration.GetSection(LiwaterOptions.Section));
        // First hosted service: the schema must be current before anything else (jobs, Kestrel) starts.
        services.AddHostedService<StartupTasks>();
        services.Configure<DatabaseOptions>(configuration.GetSection("Liwater:Database"));
        services.Configure<RatingOptions>(configuration.GetSection("Liwater:Ratings"));

        services.AddSingleton(TimeProvider.System);
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
