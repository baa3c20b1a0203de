using System.Globalization;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Components.Pages.Reports;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Liwater.Dashboard.Reports;

/// <summary>
/// GET /reports/export?period=2026-11&amp;community=2: the period report as .xlsx, under the same rules as the page
/// (community staff get their own community whatever they ask; a bad or future period answers 400 with the reason).
/// </summary>
public static class ReportEndpoints
{
    /// <summary>The case list's filters as form fields.</summary>
    public sealed class ExportForm
    {
        public long? CommunityId { get; set; }
        public long? CompoundId { get; set; }
        public string? Level { get; set; }
        public string? Status { get; set; }
        public string? Category { get; set; }
        public bool OverdueOnly { get; set; }
        public bool ActiveOnly { get; set; }
        public string? Text { get; set; }

        public Liwater.Data.Cases.CaseFilter ToFilter() => new()
        {
            CommunityId = CommunityId, CompoundId = CompoundId, Level = Level, Status = Status, Category = Category,
            OverdueOnly = OverdueOnly, ActiveOnly = ActiveOnly, Text = Text,
        };
    }

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapReportEndpoints(this WebApplication app)
    {
        app.MapGet("/reports/export", async (string? period, long? community, HttpContext context, PeriodReportQueries queries, TownClock clock, ReportFormat format) =>
        {
            var user = context.User.ToActingUser();
            if (!ReportAccess.CanRead(user))
            {
                return Results.Text(format.T["NotAllowed"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }

            var parsed = ReportPeriod.TryParse(period);
            if (parsed is null)
            {
                return Results.Text(string.Format(CultureInfo.InvariantCulture, format.T["BadPeriod"], period), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            if (parsed.IsFuture(clock.Today))
            {
                return Results.Text(string.Format(CultureInfo.InvariantCulture, format.T["FuturePeriod"], format.PeriodName(parsed)), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            var report = await queries.GetAsync(parsed, ReportAccess.Scope(user, community), context.RequestAborted);
            using var buffer = new MemoryStream();
            await ReportWorkbook.WriteAsync(buffer, report, format, context.RequestAborted);
            var name = $"{format.T["Title"]}_{parsed.Code}{(report.Total.Name.Length > 0 ? "_" + report.Total.Name : "")}.xlsx";
            return Results.File(buffer.ToArray(), XlsxType, name);
        }).RequireAuthorization();

        // The case export without the page (scripts, the benchmark): the same filters as the list, the same service.
        app.MapPost("/reports/exports", async ([FromForm] ExportForm? form, HttpContext context, CaseExportService exports) =>
        {
            // A post that names none of the fields binds to null: it is the empty filter (every case the user may read).
            form ??= new ExportForm();
            var (export, message) = await exports.StartAsync(context.User.ToActingUser(), form.ToFilter(), context.RequestAborted);
            return export is null
                ? Results.BadRequest(new { message })
                : Results.Ok(new { id = export.Id, total = export.Total });
        }).RequireAuthorization();

        app.MapGet("/reports/exports/{id:guid}/status", (Guid id, HttpContext context, CaseExportService exports) =>
            exports.Find(id, context.User.ToActingUser().Id) is { } export
                ? Results.Ok(new { state = export.State.ToString(), written = export.Written, total = export.Total })
                : Results.NotFound()).RequireAuthorization();

        // A finished case export, for the user who started it only.
        app.MapGet("/reports/exports/{id:guid}", (Guid id, HttpContext context, CaseExportService exports, ReportFormat format) =>
        {
            var export = exports.Find(id, context.User.ToActingUser().Id);
            if (export is null)
            {
                return Results.NotFound();
            }

            return export.State == ExportState.Done
                ? Results.File(export.FilePath, XlsxType, export.FileName)
                : Results.Text(format.T[export.State == ExportState.Failed ? "Export_Failed" : "Export_Queued"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status409Conflict);
        }).RequireAuthorization();
    }
}
