using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Live;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Liwater.Data.Ratings;
using Liwater.Data.Statistics;
using Liwater.Data.Territory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>The live pages' services for bUnit: the real shared reader (ScreenState) over a test database, fed by a
/// <see cref="ManualLiveFeed"/> the test drives.</summary>
public static class SharedReaderServices
{
    public static ManualLiveFeed AddLivePages(this IServiceCollection services, Db db)
    {
        var feed = new ManualLiveFeed();
        services.AddOptions();
        services.AddLogging();
        services.AddSingleton<ILiveFeed>(feed);
        services.TryAddSingleton(new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        services.TryAddSingleton(new RatingOptions());
        services.TryAddSingleton(sp => new LiveCounterQueries(db, sp.GetRequiredService<TownClock>()));
        services.TryAddSingleton(sp => new StatisticsQueries(db, sp.GetRequiredService<RatingOptions>()));
        services.TryAddSingleton(new TerritoryQueries(db));
        services.TryAddSingleton(new MeetingQueries(db));
        services.TryAddSingleton<ScreenMapSource>();
        services.TryAddSingleton<ScreenState>();
        return feed;
    }
}
