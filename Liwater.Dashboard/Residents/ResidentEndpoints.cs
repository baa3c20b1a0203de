using System.Globalization;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Localization;
using Liwater.Dashboard.Photos;
using Liwater.Data.Cases;
using Liwater.Data.Photos;
using Liwater.Data.Residents;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Localization;

namespace Liwater.Dashboard.Residents;

/// <summary>
/// The resident channel over plain HTTP: /r/{code} (a building's QR code: the report form), /t/{token} (the private
/// tracking page and its confirmation), and for staff the printable QR sheet /compounds/{id}/qr. Pages are Razor
/// components rendered as static HTML; every refusal is a page with a clear message and a 4xx status, never a 5xx.
/// </summary>
/// <remarks>
/// The resident forms carry no antiforgery token on purpose: the resident has no session a forged request could ride
/// on, and the tracking token itself is the secret. Abuse is handled by the rate limiter and size limits instead.
/// </remarks>
public static class ResidentEndpoints
{
    private const long Megabyte = 1024 * 1024;

    public static WebApplication MapResidentEndpoints(this WebApplication app)
    {
        app.MapGet("/r/{code}", ShowFormAsync).AllowAnonymous();
        // Its own body limit (every photo at its limit plus the form), above Kestrel's app-wide 30 MB: routing applies
        // it before any middleware reads the body, and a body past it is refused from its Content-Length alone.
        var photos = app.Services.GetRequiredService<PhotoOptions>();
        app.MapPost("/r/{code}", ReportAsync).AllowAnonymous().WithMetadata(new BodyLimit(photos.MaxRequestBytes));
        app.MapGet("/t/{token}", TrackAsync).AllowAnonymous();
        app.MapPost("/t/{token}/confirm", ConfirmAsync).AllowAnonymous();
        app.MapGet("/t/{token}/photos/{id:long}/{size}", PublicPhotoAsync).AllowAnonymous();
        app.MapGet("/photos/{id:long}/{size}", StaffPhotoAsync).RequireAuthorization();
        app.MapGet("/compounds/{id:long}/qr", SheetAsync).RequireAuthorization();
        app.MapPost("/compounds/{id:long}/qr", IssueCodesAsync).RequireAuthorization();
        app.MapPost("/compounds/{id:long}/qr/{buildingId:long}/revoke", RevokeAsync).RequireAuthorization();
        return app;
    }

    /// <summary>A message page with a status code (used by the rate limiter too).</summary>
    public static RazorComponentResult<ResidentMessage> MessagePage(string title, string message, int status) =>
        new(new Dictionary<string, object?> { [nameof(ResidentMessage.Title)] = title, [nameof(ResidentMessage.Message)] = message }) { StatusCode = status };

    private static async Task<IResult> ShowFormAsync(string code, ResidentQueries queries, ResidentCommands commands, PhotoOptions photos, IStringLocalizer<ResidentText> t, CancellationToken ct)
    {
        var target = await queries.FindCodeAsync(code, ct);
        return target is null ? UnknownCode(t) : Form(code, target, commands, photos, new(null, null, null, null), new Dictionary<string, string>(), null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReportAsync(
        string code, HttpContext http, ResidentQueries queries, ResidentCommands commands, PhotoProcessor processor, IStringLocalizer<ResidentText> t,
        IStringLocalizer<DataErrorText> errorText, CancellationToken ct)
    {
        var photoOptions = processor.Options;
        var target = await queries.FindCodeAsync(code, ct);
        if (target is null)
        {
            return UnknownCode(t);
        }

        var (form, refusal) = await ReadFormAsync(http, photoOptions.MaxRequestBytes, t, ct);
        if (form is null)
        {
            return refusal!;
        }

        var values = new ReportFormValues(form["category"].ToString(), form["description"].ToString(), form["name"].ToString(), form["phone"].ToString());
        var (uploads, photoError) = await ReadPhotosAsync(form.Files.GetFiles("photos"), processor, t, ct);
        if (photoError is not null)
        {
            return Form(code, target, commands, photoOptions, values, new Dictionary<string, string> { ["Photos"] = photoError }, t["FixErrors"], StatusCodes.Status400BadRequest);
        }

        var result = await commands.ReportAsync(code, new ResidentReportInput
        {
            Category = values.Category,
            Description = values.Description,
            Name = values.Name,
            Phone = values.Phone,
            Photos = uploads,
        }, ct);
        return result.Outcome switch
        {
            ResidentOutcome.Ok => Results.Redirect($"/t/{result.TrackingToken}?created=1"),
            ResidentOutcome.UnknownCode => UnknownCode(t),
            ResidentOutcome.Invalid => Form(code, target, commands, photoOptions, values, errorText.Texts(result.Errors), t["FixErrors"], StatusCodes.Status400BadRequest),
            _ => MessagePage(t["ReportTitle"], result.Error is { } e ? errorText.Text(e) : "", StatusCodes.Status403Forbidden),
        };
    }

    private static async Task<IResult> TrackAsync(string token, string? created, HttpContext http, ResidentQueries queries, ResidentCommands commands, IStringLocalizer<ResidentText> t, CancellationToken ct)
    {
        var tracked = await queries.TrackAsync(token, ct);
        return tracked is null ? UnknownTracking(t) : Track(http, tracked, token, commands, created == "1", null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ConfirmAsync(
        string token, HttpContext http, ResidentQueries queries, ResidentCommands commands, IStringLocalizer<ResidentText> t, IStringLocalizer<DataErrorText> errorText, CancellationToken ct)
    {
        var (form, refusal) = await ReadFormAsync(http, 64 * 1024, t, ct);
        if (form is null)
        {
            return refusal!;
        }

        var verdict = form["verdict"].ToString();
        var (outcome, error) = verdict is "satisfied" or "unsatisfied"
            ? await commands.ConfirmAsync(token, verdict == "satisfied", form["comment"].ToString(), ct)
            : (ResidentOutcome.Invalid, null);
        var message = error is null ? t["ConfirmPrompt"].Value : errorText.Text(error);
        if (outcome == ResidentOutcome.UnknownTracking)
        {
            return UnknownTracking(t);
        }

        if (outcome == ResidentOutcome.Ok)
        {
            return Results.Redirect($"/t/{token}");
        }

        var tracked = await queries.TrackAsync(token, ct);
        return tracked is null ? UnknownTracking(t) : Track(http, tracked, token, commands, false, message, StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> PublicPhotoAsync(string token, long id, string size, ResidentQueries queries, CasePhotos photos, CancellationToken ct)
    {
        var tracked = await queries.TrackAsync(token, ct);
        var bytes = tracked is null || ParseSize(size) is not { } s ? null : await photos.ReadPublicAsync(tracked.CaseId, id, s, ct);
        return bytes is null ? Results.NotFound() : Results.File(bytes, "image/jpeg");
    }

    private static async Task<IResult> StaffPhotoAsync(long id, string size, HttpContext http, CasePhotos photos, CancellationToken ct)
    {
        var bytes = ParseSize(size) is not { } s ? null : await photos.ReadForStaffAsync(http.User.ToActingUser(), id, s, ct);
        return bytes is null ? Results.NotFound() : Results.File(bytes, "image/jpeg");
    }

    // Reads the sheet as it is: a GET writes nothing (buildings without a code are listed, with the POST that issues them).
    private static async Task<IResult> SheetAsync(long id, HttpContext http, ResidentQueries queries, ResidentOptions options, IAntiforgery antiforgery, IStringLocalizer<ResidentText> t, CancellationToken ct)
    {
        var codes = await queries.SheetAsync(http.User.ToActingUser(), id, ct);
        if (codes is null)
        {
            return MessagePage(t["QrSheetTitle"], t["NotAllowed"], StatusCodes.Status403Forbidden);
        }

        return new RazorComponentResult<QrSheet>(new Dictionary<string, object?>
        {
            [nameof(QrSheet.Codes)] = codes,
            [nameof(QrSheet.BaseUrl)] = options.BaseUrl(http.Request),
            [nameof(QrSheet.AntiforgeryToken)] = antiforgery.GetAndStoreTokens(http).RequestToken,
        });
    }

    private static async Task<IResult> IssueCodesAsync(long id, HttpContext http, ResidentCommands commands, IAntiforgery antiforgery, IStringLocalizer<ResidentText> t, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        return await commands.EnsureCodesAsync(http.User.ToActingUser(), id, ct) is not null
            ? Results.Redirect($"/compounds/{id}/qr")
            : MessagePage(t["QrSheetTitle"], t["NotAllowed"], StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> RevokeAsync(long id, long buildingId, HttpContext http, ResidentCommands commands, IAntiforgery antiforgery, IStringLocalizer<ResidentText> t, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        return await commands.RevokeAsync(http.User.ToActingUser(), buildingId, ct)
            ? Results.Redirect($"/compounds/{id}/qr")
            : MessagePage(t["QrSheetTitle"], t["NotAllowed"], StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// Reads a form, refusing an oversized body before reading it (413) and a body that grows past the limit while
    /// being read (413), so a 100 MB upload costs the server nothing.
    /// </summary>
    internal static async Task<(IFormCollection? Form, IResult? Refusal)> ReadFormAsync(HttpContext http, long maxBytes, IStringLocalizer<ResidentText> t, CancellationToken ct)
    {
        var tooLarge = MessagePage(t["TooLargeTitle"], string.Format(CultureInfo.CurrentCulture, t["TooLarge"], maxBytes / Megabyte), StatusCodes.Status413PayloadTooLarge);
        if (http.Request.ContentLength > maxBytes)
        {
            // Do not keep the connection to drain a body we will never read.
            http.Response.Headers.Connection = "close";
            return (null, tooLarge);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        if (!http.Request.HasFormContentType)
        {
            return (null, MessagePage(t["ReportTitle"], t["FixErrors"], StatusCodes.Status400BadRequest));
        }

        try
        {
            return (await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes, ValueLengthLimit = 64 * 1024 }, ct), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            http.Response.Headers.Connection = "close";
            return (null, tooLarge);
        }
        catch (InvalidDataException)
        {
            // The multipart reader's own limits (a section or the whole body past the limit).
            return (null, tooLarge);
        }
    }

    /// <summary>Checks and re-encodes the uploaded photos; the first problem is returned as a message naming the file.</summary>
    internal static async Task<(IReadOnlyList<PhotoUpload> Photos, string? Error)> ReadPhotosAsync(
        IReadOnlyList<IFormFile> files, PhotoProcessor processor, IStringLocalizer<ResidentText> t, CancellationToken ct)
    {
        var options = processor.Options;
        var chosen = files.Where(f => f.Length > 0).ToList();
        if (chosen.Count > options.MaxPerUpload)
        {
            return ([], string.Format(CultureInfo.CurrentCulture, t["TooManyPhotos"], options.MaxPerUpload));
        }

        var photos = new List<PhotoUpload>(chosen.Count);
        foreach (var file in chosen)
        {
            var name = Path.GetFileName(file.FileName);
            if (file.Length > options.MaxBytes)
            {
                return ([], string.Format(CultureInfo.CurrentCulture, t["PhotoTooLarge"], name, options.MaxBytes / Megabyte));
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var (photo, refusal) = processor.Process(buffer.ToArray());
            if (photo is null)
            {
                var key = refusal switch
                {
                    PhotoRefusal.Heic => "PhotoHeic",
                    PhotoRefusal.TooLarge => "PhotoTooLarge",
                    PhotoRefusal.TooManyPixels => "PhotoTooManyPixels",
                    _ => "PhotoNotImage",
                };
                return ([], string.Format(CultureInfo.CurrentCulture, t[key], name, options.MaxBytes / Megabyte));
            }

            photos.Add(photo);
        }

        return (photos, null);
    }

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

    private static PhotoSize? ParseSize(string size) => size switch
    {
        "thumbnail" => PhotoSize.Thumbnail,
        "display" => PhotoSize.Display,
        _ => null,
    };

    private static RazorComponentResult<ReportForm> Form(
        string code, CodeTarget target, ResidentCommands commands, PhotoOptions photos, ReportFormValues values, IReadOnlyDictionary<string, string> errors, string? message, int status) =>
        new(new Dictionary<string, object?>
        {
            [nameof(ReportForm.Code)] = code,
            [nameof(ReportForm.Target)] = target,
            [nameof(ReportForm.Categories)] = commands.Categories,
            [nameof(ReportForm.Values)] = values,
            [nameof(ReportForm.Errors)] = errors,
            [nameof(ReportForm.Message)] = message,
            [nameof(ReportForm.MaxPhotos)] = photos.MaxPerUpload,
            [nameof(ReportForm.MaxPhotoMb)] = photos.MaxBytes / Megabyte,
        }) { StatusCode = status };

    private static RazorComponentResult<TrackingView> Track(HttpContext http, TrackedCase tracked, string token, ResidentCommands commands, bool created, string? message, int status)
    {
        // The link is the secret: never cache it on a shared device or leak it in a Referer.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return new(new Dictionary<string, object?>
        {
            [nameof(TrackingView.Case)] = tracked,
            [nameof(TrackingView.Token)] = token,
            [nameof(TrackingView.Categories)] = commands.Categories,
            [nameof(TrackingView.Created)] = created,
            [nameof(TrackingView.Message)] = message,
        }) { StatusCode = status };
    }

    private static RazorComponentResult<ResidentMessage> UnknownCode(IStringLocalizer<ResidentText> t) =>
        MessagePage(t["UnknownCodeTitle"], t["UnknownCode"], StatusCodes.Status404NotFound);

    private static RazorComponentResult<ResidentMessage> UnknownTracking(IStringLocalizer<ResidentText> t) =>
        MessagePage(t["UnknownTrackingTitle"], t["UnknownTracking"], StatusCodes.Status404NotFound);
}
