using Liwater.Dashboard.Field;
using Liwater.Dashboard.Photos;
using Liwater.Dashboard.Residents;
using Liwater.Data.Photos;
using Liwater.Data.Residents;

namespace Liwater.Dashboard.Extensions;

/// <summary>The resident QR channel, photo evidence and the phone pages (Residents/, Photos/, Field/): the field work.</summary>
public static class FieldServiceExtensions
{
    public static IServiceCollection AddLiwaterField(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(FieldOptions.Section).Get<FieldOptions>() ?? new FieldOptions());
        var residents = configuration.GetSection(ResidentOptions.Section).Get<ResidentOptions>() ?? new ResidentOptions();
        var photos = configuration.GetSection(PhotoOptions.Section).Get<PhotoOptions>() ?? new PhotoOptions();
        services.AddSingleton(residents);
        services.AddSingleton(photos);
        services.AddSingleton<PhotoProcessor>();
        services.AddSingleton<CasePhotos>();
        services.AddSingleton<ResidentCommands>();
        services.AddSingleton<ResidentQueries>();
        return services;
    }

    public static WebApplication MapLiwaterField(this WebApplication app)
    {
        app.MapResidentEndpoints();
        return app;
    }
}
