namespace Liwater.Dashboard.Extensions;

/// <summary>Accounts, cookie sign-in and roles (Auth/): owned by the cases work.</summary>
public static class AuthServiceExtensions
{
    public static IServiceCollection AddLiwaterAuth(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication UseLiwaterAuth(this WebApplication app) => app;

    public static WebApplication MapLiwaterAuth(this WebApplication app) => app;
}
