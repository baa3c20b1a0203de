using Liwater.Data.Councils;
using Liwater.Data.Meetings;
using Liwater.Data.Ratings;
using Liwater.Data.Volunteers;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>Councils, ratings, volunteers, meeting and compound profiles: owned by the governance-pages work.</summary>
public static class FeatureServiceExtensions
{
    public static IServiceCollection AddLiwaterFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        // Bad voting rules stop the start with the key named, as the other settings do.
        services.AddValidatedOptions<CouncilOptions>(configuration, "Liwater:Councils", (o, section) => o.Validate(section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CouncilOptions>>().Value);
        services.AddSingleton<CouncilQueries>();
        services.AddSingleton<CouncilCommands>();

        services.AddSingleton<AssessmentQueries>();
        services.AddSingleton<ScoreSheetCommands>();

        services.AddSingleton<VolunteerQueries>();
        services.AddSingleton<VolunteerCommands>();
        services.AddSingleton<ActivityImporter>();

        services.AddSingleton<MeetingQueries>();
        services.AddSingleton<MeetingCommands>();
        return services;
    }
}
