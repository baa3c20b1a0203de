using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Residents;
using Microsoft.AspNetCore.RateLimiting;

namespace Liwater.Dashboard.Extensions;

/// <summary>
/// The app's one rate limiter, registered in one place so no feature depends on another registering first: the
/// sign-in policy (<see cref="SignInLimits"/>, on the sign-in post) and the resident report limits
/// (<see cref="ResidentRateLimits"/>, the global limiter, which limits only POST /r/{code}). One refusal handler
/// answers by the refused endpoint's policy.
/// </summary>
public static class RateLimitExtensions
{
    public static IServiceCollection AddLiwaterRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var residents = configuration.GetSection(ResidentOptions.Section).Get<ResidentOptions>() ?? new ResidentOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            SignInLimits.AddSignInPolicy(limiter, auth);
            ResidentRateLimits.AddResidentLimiter(limiter, residents);
            limiter.OnRejected = (context, cancellationToken) =>
                context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SignInLimits.Policy
                    ? SignInLimits.WriteTooManyAsync(context.HttpContext, cancellationToken)
                    : ResidentRateLimits.WriteRefusalAsync(context.HttpContext);
        });
        return services;
    }

    /// <summary>The limiter in the pipeline: after routing (it reads the endpoint's policy), before the endpoints.</summary>
    public static WebApplication UseLiwaterRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
