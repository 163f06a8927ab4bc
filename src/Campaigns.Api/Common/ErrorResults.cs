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
        var extensions = Extensions(error.Code, error.Field, error.Message);
        foreach (var (key, value) in error.Details)
        {
            extensions[key] = value; // an "errors" detail (field → messages) replaces the single-field one above
        }

        return TypedResults.Problem(error.Message, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>The product's members of every problem: <c>code</c>, and <c>field</c> with <c>errors</c> when a field is at fault.</summary>
    public static Dictionary<string, object?> Extensions(string code, string? field, string message)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null)
        {
            extensions["field"] = field;
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        }

        return extensions;
    }

    public static ProblemHttpResult NotFound(string what) =>
        ToProblem(CommonErrors.NotFound(what));
}
