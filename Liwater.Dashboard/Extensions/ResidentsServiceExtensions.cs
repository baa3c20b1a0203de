using Liwater.Dashboard.Photos;
using Liwater.Dashboard.Residents;
using Liwater.Data.Photos;
using Liwater.Data.Residents;

namespace Liwater.Dashboard.Extensions;

/// <summary>The resident QR channel and photo evidence (Residents/, Photos/): owned by the field work.</summary>
public static class ResidentsServiceExtensions
{
    public static IServiceCollection AddLiwaterResidents(this IServiceCollection services, IConfiguration configuration)
    {
        var residents = configuration.GetSection(ResidentOptions.Section).Get<ResidentOptions>() ?? new ResidentOptions();
        var photos = configuration.GetSection(PhotoOptions.Section).Get<PhotoOptions>() ?? new PhotoOptions();
        services.AddSingleton(residents);
        services.AddSingleton(photos);
        services.AddSingleton<PhotoProcessor>();
        services.AddSingleton<CasePhotos>();
        services.AddSingleton<ResidentCommands>();
        services.AddSingleton<ResidentQueries>();
        services.AddResidentRateLimits(residents);
        return services;
    }

    public static WebApplication MapLiwaterResidents(this WebApplication app)
    {
        app.MapResidentEndpoints();
        return app;
    }
}
