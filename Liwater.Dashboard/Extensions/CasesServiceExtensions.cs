namespace Liwater.Dashboard.Extensions;

/// <summary>Resident cases (Liwater.Data/Cases, Components/Pages/Cases): owned by the cases work.</summary>
public static class CasesServiceExtensions
{
    public static IServiceCollection AddLiwaterCases(this IServiceCollection services, IConfiguration configuration) => services;
}
