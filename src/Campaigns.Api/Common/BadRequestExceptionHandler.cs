using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Campaigns.Api.Common;

/// <summary>
/// Answers a request that could not be read (a body that is not JSON, a field of the wrong type) with a 400 problem
/// that says where, rather than the 500 of an unhandled exception. Minimal APIs throw
/// <see cref="BadHttpRequestException"/> for these in Development and answer a bare 400 elsewhere; this makes both the
/// same and useful.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // The JSON reader's message names the path and position ("$.maxIdentical | LineNumber: 0 | BytePositionInLine: 17").
        var detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Invalid request",
                Detail = detail,
                Extensions = { ["code"] = "request.unreadable" },
            },
        });
    }
}
