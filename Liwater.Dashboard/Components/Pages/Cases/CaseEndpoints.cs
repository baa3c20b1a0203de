using Liwater.Dashboard.Auth;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Mvc;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>
/// POST /cases/create and POST /cases/{id}/actions: registering a case and the case actions as plain form posts
/// (cookie + antiforgery), for browsers without a circuit and for scripted checks (the benchmark harness writes
/// through them). They call the same <see cref="CaseCommands"/> as the pages, so the rules are the same.
/// </summary>
public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this WebApplication app)
    {
        // Not POST /cases: the Razor component endpoint of the case list takes form posts on that route.
        app.MapPost("/cases/create", async ([FromForm] CreateForm form, HttpContext context, CaseCommands commands) =>
        {
            var result = await commands.CreateAsync(context.User.ToActingUser(), new NewCase
            {
                CompoundId = form.CompoundId,
                BuildingId = form.BuildingId,
                Category = form.Category,
                Title = form.Title,
                Description = form.Description,
                SourceChannel = form.SourceChannel,
                ReporterName = form.ReporterName,
                ReporterPhone = form.ReporterPhone,
                Level = form.Level ?? CaseLevels.Compound,
            }, context.RequestAborted);
            var payload = new { outcome = result.Outcome.ToString(), caseId = result.CaseId, version = result.Version, message = result.Message, errors = result.Errors };
            return ToResult(result.Outcome, payload);
        }).RequireAuthorization();

        app.MapPost("/cases/{id:long}/actions", async (long id, [FromForm] ActionForm form, HttpContext context, CaseCommands commands, Db db) =>
        {
            // The role first: a role that may act on no case is refused (403, audited) whatever it sent.
            var actor = context.User.ToActingUser();
            if (!CaseAccess.CanActAny(actor))
            {
                await Audit.RefusedAsync(db, actor, "case.action", "case", id, new { form.Kind }, context.RequestAborted);
                return Results.Json(new { outcome = nameof(CaseOutcome.Refused), message = "您的角色只能查看案件，不能修改。" }, statusCode: StatusCodes.Status403Forbidden);
            }

            // One exact name: Enum.TryParse also takes "Reply,Cancel" (flags) and numbers, which name no single action.
            if (Enum.GetNames<CaseActionKind>().FirstOrDefault(n => string.Equals(n, form.Kind, StringComparison.OrdinalIgnoreCase)) is not { } name)
            {
                return Results.BadRequest(new { message = "未知的操作。" });
            }

            var result = await commands.ApplyAsync(actor, id, form.ExpectedVersion, new CaseAction
            {
                Kind = Enum.Parse<CaseActionKind>(name),
                Body = form.Body,
                Participants = form.Participants,
                UnitName = form.UnitName,
                HeldOn = DateOnly.TryParse(form.HeldOn, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null,
                DueOn = DateOnly.TryParseExact(form.DueOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var due) ? due : null,
            }, context.RequestAborted);
            var payload = new { outcome = result.Outcome.ToString(), version = result.Version, message = result.Message, errors = result.Errors };
            return ToResult(result.Outcome, payload);
        }).RequireAuthorization();
    }

    private static IResult ToResult(CaseOutcome outcome, object payload) => outcome switch
    {
        CaseOutcome.Ok => Results.Ok(payload),
        CaseOutcome.Refused => Results.Json(payload, statusCode: StatusCodes.Status403Forbidden),
        CaseOutcome.Conflict => Results.Conflict(payload),
        CaseOutcome.NotFound => Results.NotFound(payload),
        _ => Results.BadRequest(payload),
    };

    public sealed class CreateForm
    {
        public long? CompoundId { get; set; }
        public long? BuildingId { get; set; }
        public string? Category { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? SourceChannel { get; set; }
        public string? ReporterName { get; set; }
        public string? ReporterPhone { get; set; }
        public string? Level { get; set; }
    }

    public sealed class ActionForm
    {
        public string? Kind { get; set; }
        public long ExpectedVersion { get; set; }
        public string? Body { get; set; }
        public string? HeldOn { get; set; }
        public string? Participants { get; set; }
        public string? UnitName { get; set; }

        /// <summary>Gets or sets the day an assignment is due (yyyy-MM-dd), for Assign.</summary>
        public string? DueOn { get; set; }
    }
}
