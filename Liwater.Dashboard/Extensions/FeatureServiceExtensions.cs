namespace Liwater.Dashboard.Extensions;

/// <summary>Councils, ratings, volunteers, meeting and compound profiles: owned by the governance-pages work.</summary>
public static class FeatureServiceExtensions
{
    public static IServiceCollection AddLiwaterFeatures(this IServiceCollection services, IConfiguration configuration) => services;
}
