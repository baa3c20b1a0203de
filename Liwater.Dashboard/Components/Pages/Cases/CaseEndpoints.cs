using Liwater.Dashboard.Auth;
using Liwater.Data.Cases;
using Microsoft.AspNetCore.Mvc;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>
/// POST /cases/{id}/actions: the case actions as a plain form post (cookie + antiforgery), for browsers without a
/// circuit and for scripted checks. It calls the same <see cref="CaseCommands"/>, so the rules are the same.
/// </summary>
public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this WebApplication app) =>
        app.MapPost("/cases/{id:long}/actions", async (long id, [FromForm] ActionForm form, HttpContext context, CaseCommands commands) =>
        {
            if (!Enum.TryParse<CaseActionKind>(form.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                return Results.BadRequest(new { message = "未知的操作。" });
            }

            var result = await commands.ApplyAsync(context.User.ToActingUser(), id, form.ExpectedVersion, new CaseAction
            {
                Kind = kind,
                Body = form.Body,
                Participants = form.Participants,
                UnitName = form.UnitName,
                HeldOn = DateOnly.TryParse(form.HeldOn, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null,
            }, context.RequestAborted);
            var payload = new { outcome = result.Outcome.ToString(), version = result.Version, message = result.Message, errors = result.Errors };
            return result.Outcome switch
            {
                CaseOutcome.Ok => Results.Ok(payload),
                CaseOutcome.Refused => Results.Json(payload, statusCode: StatusCodes.Status403Forbidden),
                CaseOutcome.Conflict => Results.Conflict(payload),
                CaseOutcome.NotFound => Results.NotFound(payload),
                _ => Results.BadRequest(payload),
            };
        }).RequireAuthorization();

    public sealed class ActionForm
    {
        public string? Kind { get; set; }
        public long ExpectedVersion { get; set; }
        public string? Body { get; set; }
        public string? HeldOn { get; set; }
        public string? Participants { get; set; }
        public string? UnitName { get; set; }
    }
}
