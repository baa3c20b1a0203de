using Liwater.Data.Changes;

namespace Liwater.Dashboard.Extensions;

/// <summary>The live spine (Live/): owned by the big-screen work.</summary>
public static class LiveServiceExtensions
{
    public static IServiceCollection AddLiwaterLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IChangeSignal>(NoChangeSignal.Instance);
        return services;
    }

    public static WebApplication MapLiwaterLive(this WebApplication app) => app;
}
