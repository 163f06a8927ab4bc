using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Campaigns.Api.Common;

/// <summary>
/// Answers a request that could not be read (a body that is not JSON, a field of the wrong type, a query or route value
/// that is not of its parameter's type, a required value missing) with a 400 problem that names the field and says
/// why, rather than the framework's bare 400. Minimal APIs throw <see cref="BadHttpRequestException"/> for these only
/// when <c>RouteHandlerOptions.ThrowOnBadRequest</c> is set, which <see cref="ApiProblemsExtensions"/> does in every
/// environment. The framework's messages name the parameter ("Failed to bind parameter "int? limit" from "abc"."): they
/// are parsed here, since the exception carries no structured field.
/// </summary>
internal sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (code, field, detail) = Describe(bad);
        var title = bad.StatusCode == StatusCodes.Status400BadRequest ? "Invalid request" : "Request not accepted";
        return await ProblemWriter.WriteAsync(httpContext, bad.StatusCode, title, code, detail, field, exception);
    }

    private static (string Code, string? Field, string Detail) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            // The JSON reader's message names the path and position ("$.maxIdentical | LineNumber: 0 | BytePositionInLine: 17").
            var path = json.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "body";
            return ("request.unreadable", path, $"{bad.Message} {json.Message}");
        }

        if (BindingFailed().Match(bad.Message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            var value = failed.Groups["value"].Value;
            value = value.Length > 100 ? value[..100] + "…" : value;
            return ("request.invalid_parameter", name, $"'{value}' is not a valid '{name}': expected {Expectation(failed.Groups["type"].Value)}.");
        }

        var missing = NotProvided().Match(bad.Message);
        if (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || (missing.Success && missing.Groups["source"].Value == "body"))
        {
            return ("request.unreadable", "body", "A JSON body is required (content-type: application/json).");
        }

        if (missing.Success)
        {
            var name = missing.Groups["name"].Value;
            return ("request.invalid_parameter", name, $"'{name}' is required ({missing.Groups["source"].Value}).");
        }

        return bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? ("request.unsupported_media_type", "body", $"{bad.Message} Send JSON with content-type: application/json.")
            : ("request.unreadable", null, bad.Message);
    }

    // The framework writes "int?", "Nullable<int>" or "Int32" depending on how the type was declared.
    private static string Expectation(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', '>') switch
    {
        "Int32" or "Int64" or "Int16" or "int" or "long" or "short" => "a whole number",
        "Guid" => "an id (a GUID such as 0190b8e2-6d35-7c1a-9a4e-2f1b0c3d4e5f)",
        "bool" => "true or false",
        nameof(PhoneCursor) => PhoneCursor.Expected,
        nameof(Reports.MessageCursor) => Reports.MessageCursor.Expected,
        _ => $"a value of type {type}",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindingFailed();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>[^.]+)\.""", RegexOptions.Singleline)]
    private static partial Regex NotProvided();
}
