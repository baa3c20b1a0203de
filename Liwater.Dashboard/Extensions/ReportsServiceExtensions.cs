using Liwater.Dashboard.Components.Pages.Reports;
using Liwater.Dashboard.Reports;
using Liwater.Data.Reports;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>Period reports, the case export and the service record (Reports/, Components/Pages/Reports): owned by the reports work.</summary>
public static class ReportsServiceExtensions
{
    public static IServiceCollection AddLiwaterReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section))
            .Validate(o => o.Validate().Count == 0, "Liwater:Reports is inconsistent (see docs/reports.md)")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReportOptions>>().Value);
        services.AddSingleton<PeriodReportQueries>();
        services.AddSingleton<ServiceRecordQueries>();
        services.AddSingleton<ReportCommands>();
        services.AddTransient<ReportFormat>();
        services.AddSingleton<CaseExportService>();
        return services;
    }

    public static WebApplication MapLiwaterReports(this WebApplication app)
    {
        app.MapReportEndpoints();
        return app;
    }
}
