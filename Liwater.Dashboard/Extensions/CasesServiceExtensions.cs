using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Data.Cases;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>Resident cases (Liwater.Data/Cases, Components/Pages/Cases): owned by the cases work.</summary>
public static class CasesServiceExtensions
{
    public static IServiceCollection AddLiwaterCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CaseOptions>(configuration, CaseOptions.Section, (o, section) =>
        [
            .. OptionsValidation.Positive(section, "Deadlines:ReplyMinutes", o.Deadlines.ReplyMinutes),
            .. OptionsValidation.Positive(section, "Deadlines:ActionMinutes", o.Deadlines.ActionMinutes),
            .. OptionsValidation.Positive(section, "Deadlines:ResultMinutes", o.Deadlines.ResultMinutes),
            .. OptionsValidation.Positive(section, "Deadlines:CompoundDays", o.Deadlines.CompoundDays),
            .. OptionsValidation.Positive(section, "Deadlines:CommunityDays", o.Deadlines.CommunityDays),
            .. OptionsValidation.Positive(section, "Deadlines:TownDays", o.Deadlines.TownDays),
        ]);
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
