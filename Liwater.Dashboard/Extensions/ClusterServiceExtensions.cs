using System.Text.Json;
using Liwater.Dashboard.Cluster;
using Liwater.Dashboard.Live;
using Liwater.Data.Database;
using Liwater.Data.Statistics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>
/// What lets several app nodes serve one town or city on PostgreSQL (docs/cluster.md): the LISTEN/NOTIFY wake-up of the
/// live feed, Data Protection keys shared through the database, the fold of the case-count deltas (decision 0125), and
/// <c>/healthz</c> for the load balancer.
/// </summary>
public static class ClusterServiceExtensions
{
    public const string HealthPath = "/healthz";

    /// <summary>The one Data Protection application name of every node of a cluster.</summary>
    public const string ApplicationName = "Liwater";

    public static IServiceCollection AddLiwaterCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<PostgreSqlChangeListener>();
        services.AddHealthChecks().AddCheck<LiwaterHealthCheck>("liwater");

        var provider = configuration.GetSection("Liwater:Database").Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddSingleton<CaseCountDeltas>();
            services.AddHostedService<CaseCountFolding>();
            services.AddDataProtection().SetApplicationName(ApplicationName);
            services.AddOptions<KeyManagementOptions>()
                .Configure<Db>((options, db) => options.XmlRepository = new DatabaseXmlRepository(db));
        }

        return services;
    }

    public static WebApplication MapLiwaterCluster(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
