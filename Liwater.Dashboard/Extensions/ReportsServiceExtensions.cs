using Liwater.Dashboard.Components.Pages.Reports;
using Liwater.Dashboard.Reports;
using Liwater.Data.Ratings;
using Liwater.Data.Reports;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>Period reports, the case export and the service record (Reports/, Components/Pages/Reports): owned by the reports work.</summary>
public static class ReportsServiceExtensions
{
    public static IServiceCollection AddLiwaterReports(this IServiceCollection services, IConfiguration configuration)
    {
        // The computed checklist item must be an item of the checklist in force, read from the same configuration
        // (not through IOptions<RatingOptions>, whose own validation reports its keys itself).
        services.AddValidatedOptions<ReportOptions>(
            configuration,
            ReportOptions.Section,
            (o, _) => o.Validate((configuration.GetSection("Liwater:Ratings").Get<RatingOptions>() ?? new RatingOptions()).EffectiveChecklist));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReportOptions>>().Value);
        services.AddSingleton<PeriodReportQueries>();
        services.AddSingleton<ServiceRecordQueries>();
        services.AddSingleton<IComputedChecklistItem>(sp => sp.GetRequiredService<ServiceRecordQueries>());
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
