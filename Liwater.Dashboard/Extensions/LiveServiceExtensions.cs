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
        services.AddValidatedOptions<LiveOptions>(configuration, LiveOptions.Section, (o, section) =>
        [
            .. OptionsValidation.AtLeast(section, nameof(LiveOptions.CoalesceMilliseconds), o.CoalesceMilliseconds, 0),
            .. OptionsValidation.AtLeast(section, nameof(LiveOptions.PollSeconds), o.PollSeconds, 1),
            .. OptionsValidation.AtLeast(section, nameof(LiveOptions.MaxReplay), o.MaxReplay, 1),
        ]);
        services.AddValidatedOptions<ScreenOptions>(configuration, ScreenOptions.Section, (o, section) =>
        [
            .. OptionsValidation.AtLeast(section, nameof(ScreenOptions.LayerRotationSeconds), o.LayerRotationSeconds, 1),
            .. OptionsValidation.AtLeast(section, nameof(ScreenOptions.DueSoonHours), o.DueSoonHours, 1),
            .. OptionsValidation.AtLeast(section, nameof(ScreenOptions.RefreshSeconds), o.RefreshSeconds, 1),
            .. OptionsValidation.AtLeast(section, nameof(ScreenOptions.TickerSize), o.TickerSize, 1),
        ]);

        // Db raises the notifier after each commit; the feed, woken by it, reads the change log by id.
        services.AddSingleton<ChangeNotifier>();
        services.AddSingleton<IChangeSignal>(sp => sp.GetRequiredService<ChangeNotifier>());
        services.AddSingleton<LiveHubConnections>();
        services.AddSingleton<Microsoft.AspNetCore.SignalR.HubLifetimeManager<LiveHub>>(sp => sp.GetRequiredService<LiveHubConnections>());
        services.AddSingleton<LiveHubClients>();
        services.AddHostedService<HubAccountSweep>();
        services.AddSingleton<ChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<ILiveFeed>(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<LiveCounterQueries>();
        services.AddSingleton<ScreenMapSource>();
        services.AddSingleton<ScreenState>();
        services.AddHostedService<ScreenWarmUp>();

        // Blazor's circuits: the server pings every 5 s and drops a client silent for 15 s; the browser side is set
        // to match in wwwroot/blazor-start.js (decision 0111). The live hub pings as often, so its clients notice too.
        services.AddServerSideBlazor().AddHubOptions(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromSeconds(5);
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(15);
            // The longest form text the browser lets through (TextRules.InputMaxLength of a 2,000-character field:
            // 16,000 UTF-16 units, up to 48 KB of UTF-8) must fit one message, or a paste would close the circuit.
            o.MaximumReceiveMessageSize = 64 * 1024;
        });
        // No backplane: every node reads the shared change log itself and sends to its own hub connections only
        // (docs/decisions/0010). A Redis backplane would also carry Blazor's circuit hub and stop every page when down.
        services.AddSignalR().AddHubOptions<LiveHub>(o => o.KeepAliveInterval = TimeSpan.FromSeconds(5));
        return services;
    }

    public static WebApplication MapLiwaterLive(this WebApplication app)
    {
        app.UseScreenKeys();
        app.MapHub<LiveHub>(LiveHub.Path).AllowAnonymous();
        return app;
    }
}
