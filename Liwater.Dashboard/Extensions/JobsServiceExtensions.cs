namespace Liwater.Dashboard.Extensions;

/// <summary>Hangfire and the recurring jobs (Jobs/): owned by the jobs work.</summary>
public static class JobsServiceExtensions
{
    public static IServiceCollection AddLiwaterJobs(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication MapLiwaterJobs(this WebApplication app) => app;
}
