using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Data.Cases;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>Resident cases (Liwater.Data/Cases, Components/Pages/Cases): owned by the cases work.</summary>
public static class CasesServiceExtensions
{
    public static IServiceCollection AddLiwaterCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CaseOptions>(configuration.GetSection(CaseOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CaseOptions>>().Value);
        services.AddSingleton(sp => new DeadlinePolicy(sp.GetRequiredService<CaseOptions>().Deadlines));
        services.AddSingleton<CaseQueries>();
        services.AddSingleton<CaseCommands>();
        return services;
    }

    /// <summary>Maps the case form endpoint (POST /cases/{id}/actions), the same commands as the page's buttons.</summary>
    public static WebApplication MapLiwaterCases(this WebApplication app)
    {
        app.MapCaseEndpoints();
        return app;
    }
}
