using Liwater.Dashboard.Components.Pages.BigScreen;
using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Liwater.Data.Statistics;

namespace Liwater.Dashboard.Extensions;

/// <summary>The live spine (Live/) and the command-centre screen (Components/Pages/BigScreen).</summary>
public static class LiveServiceExtensions
{
    public static IServiceCollection AddLiwaterLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveOptions>(configuration.GetSection(LiveOptions.Section));
        services.Configure<ScreenOptions>(configuration.GetSection(ScreenOptions.Section));

        // Db raises the notifier after each commit; the feed, woken by it, reads the change log by id.
        services.AddSingleton<ChangeNotifier>();
        services.AddSingleton<IChangeSignal>(sp => sp.GetRequiredService<ChangeNotifier>());
        services.AddSingleton<LiveHubClients>();
        services.AddSingleton<ChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<ILiveFeed>(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<LiveCounterQueries>();
        services.AddSingleton<ScreenMapSource>();
        services.AddSingleton<ScreenState>();

        // Blazor's circuits: the server pings every 5 s and drops a client silent for 15 s; the browser side is set
        // to match in wwwroot/blazor-start.js (decision 0111). The live hub pings as often, so its clients notice too.
        services.AddServerSideBlazor().AddHubOptions(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromSeconds(5);
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(15);
        });
        var signalR = services.AddSignalR().AddHubOptions<LiveHub>(o => o.KeepAliveInterval = TimeSpan.FromSeconds(5));
        var redis = configuration[$"{LiveOptions.Section}:{nameof(LiveOptions.RedisConnection)}"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // Several instances: hub messages travel through Redis. Circuits still need sticky sessions, and Redis
            // drops messages while it is down; hub clients recover through Subscribe(lastSeenId) (see docs).
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("liwater"));
        }

        return services;
    }

    public static WebApplication MapLiwaterLive(this WebApplication app)
    {
        app.UseScreenKeys();
        app.MapHub<LiveHub>(LiveHub.Path).AllowAnonymous();
        return app;
    }
}
