using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Localization;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Components.Pages.Cases;

/// <summary>
/// POST /cases/create and POST /cases/{id}/actions: registering a case and the case actions as plain form posts
/// (cookie + antiforgery), for browsers without a circuit and for scripted checks (the benchmark harness writes
/// through them). They call the same <see cref="CaseCommands"/> as the pages, so the rules are the same. An action
/// must carry the version the user saw (<c>ExpectedVersion</c>); a newer version answers 409 with the localised
/// conflict message and the case as it is now (level, status, version, latest timeline entry).
/// </summary>
public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this WebApplication app)
    {
        // Not POST /cases: the Razor component endpoint of the case list takes form posts on that route.
        app.MapPost("/cases/create", async ([FromForm] CreateForm? form, HttpContext context, CaseCommands commands, IStringLocalizer<DataErrorText> text) =>
        {
            // A post that names none of the fields binds to null: an empty form, answered with every field's error.
            form ??= new CreateForm();
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
            return ToResult(result, text);
        }).RequireAuthorization();

        app.MapPost("/cases/{id:long}/actions", async (long id, [FromForm] ActionForm? form, HttpContext context, CaseCommands commands, Db db, IStringLocalizer<DataErrorText> text) =>
        {
            form ??= new ActionForm();
            // The role first: a role that may act on no case is refused (403, audited) whatever it sent.
            var actor = context.User.ToActingUser();
            if (!CaseAccess.CanActAny(actor))
            {
                await Audit.RefusedAsync(db, actor, "case.action", "case", id, new { form.Kind }, context.RequestAborted);
                var refusal = new DataError(CaseErrors.RefusedReadOnly);
                return Results.Json(new { outcome = nameof(CaseOutcome.Refused), code = refusal.Code, message = text.Text(refusal) }, statusCode: StatusCodes.Status403Forbidden);
            }

            // Names only (no numbers, no "Reply,Cancel" flag combinations), and never a record of another body.
            if (form.Kind is null || !Enum.GetNames<CaseActionKind>().Contains(form.Kind, StringComparer.OrdinalIgnoreCase)
                || !Enum.TryParse<CaseActionKind>(form.Kind, ignoreCase: true, out var kind) || kind == CaseActionKind.MotionResult)

            {
                return Results.BadRequest(new { outcome = nameof(CaseOutcome.Invalid), code = EndpointErrors.UnknownAction, message = text.Text(new(EndpointErrors.UnknownAction)) });
            }

            if (form.ExpectedVersion is not { } expected)
            {
                return Results.BadRequest(new { outcome = nameof(CaseOutcome.Invalid), code = EndpointErrors.VersionRequired, message = text.Text(new(EndpointErrors.VersionRequired)) });
            }

            var result = await commands.ApplyAsync(actor, id, expected, new CaseAction
            {
                Kind = kind,
                Body = form.Body,
                Participants = form.Participants,
                UnitName = form.UnitName,
                PersonId = form.PersonId,
                HeldOn = DateOnly.TryParse(form.HeldOn, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null,
                DueOn = DateOnly.TryParseExact(form.DueOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var due) ? due : null,
            }, context.RequestAborted);
            return ToResult(result, text);
        }).RequireAuthorization();
    }

    private static IResult ToResult(CaseCommandResult result, IStringLocalizer<DataErrorText> text)
    {
        var payload = new
        {
            outcome = result.Outcome.ToString(),
            caseId = result.CaseId,
            version = result.Version,
            code = result.Error?.Code,
            message = result.Error is { } e ? text.Text(e) : null,
            errors = result.Errors.ToDictionary(x => x.Key, x => text.Text(x.Value)),
            current = result.Current is { } c ? new { level = c.Level, status = c.Status, version = c.Version } : null,
            latest = result.LatestEvent is { } l ? new { kind = l.Kind, toLevel = l.ToLevel, actor = text.Actor(l.Actor, l.UserId), at = l.At } : null,
        };
        return ToResult(result.Outcome, payload);
    }

    private static IResult ToResult(CaseOutcome outcome, object payload) => outcome switch
    {
        CaseOutcome.Ok => Results.Ok(payload),
        CaseOutcome.Refused => Results.Json(payload, statusCode: StatusCodes.Status403Forbidden),
        CaseOutcome.Conflict => Results.Conflict(payload),
        CaseOutcome.NotFound => Results.NotFound(payload),
        _ => Results.BadRequest(payload),
    };

    /// <summary>What the endpoints themselves refuse before the case command runs.</summary>
    [ErrorCodes]
    public static class EndpointErrors
    {
        public const string UnknownAction = "endpoint.unknown_action";
        public const string VersionRequired = "endpoint.version_required";
    }

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
        public long? ExpectedVersion { get; set; }
        public string? Body { get; set; }
        public string? HeldOn { get; set; }
        public string? Participants { get; set; }
        public string? UnitName { get; set; }

        /// <summary>Gets or sets the day an assignment is due (yyyy-MM-dd), for Assign.</summary>
        public string? DueOn { get; set; }

        /// <summary>Gets or sets the person to assign the case to, for AssignPerson (none clears the assignment).</summary>
        public long? PersonId { get; set; }
    }
}
