using Campaigns.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Api.Common;

/// <summary>The one place where an <see cref="Error"/> becomes an RFC 9457 problem details answer.</summary>
internal static class ErrorResults
{
    public static ProblemHttpResult ToProblem(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (status, title) = error.Kind switch
        {
            ErrorKind.Unauthorized => (StatusCodes.Status401Unauthorized, "Unauthorized"),
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ErrorKind.TooLarge => (StatusCodes.Status413PayloadTooLarge, "Payload too large"),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            _ => (StatusCodes.Status400BadRequest, "Invalid request"),
        };
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Field is { } field)
        {
            extensions["field"] = field;
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [error.Message] };
        }

        foreach (var (key, value) in error.Details)
        {
            extensions[key] = value; // an "errors" detail (field → messages) replaces the single-field one above
        }

        return TypedResults.Problem(error.Message, statusCode: status, title: title, extensions: extensions);
    }

    public static ProblemHttpResult NotFound(string what) =>
        ToProblem(CommonErrors.NotFound(what));
}
