using Liwater.Data.Changes;

namespace Liwater.Dashboard.Extensions;

public static class LiveServiceExtensions
{
    /// <summary>Registers the live change feed (Live/).</summary>
    public static IServiceCollection AddLiwaterLive(this IServiceCollection services)
    {
        services.AddSingleton<IChangeSignal>(NoChangeSignal.Instance);
        return services;
    }
}
