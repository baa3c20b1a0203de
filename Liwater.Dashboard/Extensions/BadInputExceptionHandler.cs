using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace Liwater.Dashboard.Extensions;

/// <summary>
/// The one place where a request the server cannot read becomes a 400 instead of a 500 (decision 0103): a form body
/// with a NUL or invalid escapes (the form reader throws <see cref="InvalidDataException"/>, also from inside the
/// antiforgery check of an endpoint that reads its form by hand), an unreadable antiforgery token, or any
/// <see cref="BadHttpRequestException"/>. The answer is the same short text as every other 400
/// (written by <see cref="WebHygieneExtensions"/>); everything else stays a logged 500.
/// </summary>
public sealed class BadInputExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var status = exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            AntiforgeryValidationException or InvalidDataException => StatusCodes.Status400BadRequest,
            _ => 0,
        };
        if (status is < 400 or >= 500 || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        await WebHygieneExtensions.WriteStatusTextAsync(httpContext);
        return true;
    }
}
