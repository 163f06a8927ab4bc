using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Sandbox.Gateway;

/// <summary>The one place where gateway errors get their Evolution wire shape (CONTRACT.md §1).</summary>
internal static class EvolutionErrors
{
    /// <summary>401 whose <c>message</c> is the STRING <c>"Unauthorized"</c>.</summary>
    public static JsonHttpResult<EvolutionError> Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "Unauthorized", JsonValue.Create("Unauthorized"));

    /// <summary>404 of the instance guard; it runs before auth, so a bad key still gets this.</summary>
    public static JsonHttpResult<EvolutionError> InstanceNotFound(string instance) =>
        NotFound($"The \"{instance}\" instance does not exist");

    public static JsonHttpResult<EvolutionError> NotFound(string message) =>
        Create(StatusCodes.Status404NotFound, "Not Found", new JsonArray(JsonValue.Create(message)));

    public static JsonHttpResult<EvolutionError> Forbidden(string message) =>
        Create(StatusCodes.Status403Forbidden, "Forbidden", new JsonArray(JsonValue.Create(message)));

    /// <summary>400 with the exception's arguments as an array: <c>["Text is required"]</c>.</summary>
    public static JsonHttpResult<EvolutionError> BadRequest(params JsonNode?[] arguments) =>
        Create(StatusCodes.Status400BadRequest, "Bad Request", new JsonArray(arguments));

    public static JsonHttpResult<EvolutionError> BadRequest(string message) => BadRequest(JsonValue.Create(message));

    /// <summary>400 of schema validation: the list of messages is ONE argument, so the wire nests it: <c>[["…"]]</c>.</summary>
    public static JsonHttpResult<EvolutionError> Validation(IReadOnlyList<string> messages) =>
        BadRequest(Strings(messages));

    /// <summary>
    /// A body that is not JSON. Express's body parser throws an error with <c>status</c> 400 but no <c>error</c>, so the
    /// global handler labels it "Internal Server Error" and passes the parser's message as a string.
    /// </summary>
    public static JsonHttpResult<EvolutionError> UnreadableBody(JsonException exception) =>
        Create(StatusCodes.Status400BadRequest, "Internal Server Error", JsonValue.Create(exception.Message));

    /// <summary>500 of an unhandled error: <c>message</c> is a STRING.</summary>
    public static JsonHttpResult<EvolutionError> Internal(string message) =>
        Create(StatusCodes.Status500InternalServerError, "Internal Server Error", JsonValue.Create(message));

    /// <summary>
    /// 500 of an <c>InternalServerErrorException</c> thrown with a text (as <c>prepareMediaMessage</c>'s catch does):
    /// <c>message</c> is an ARRAY, e.g. <c>["AxiosError: …"]</c>.
    /// </summary>
    public static JsonHttpResult<EvolutionError> InternalArray(string message) =>
        Create(StatusCodes.Status500InternalServerError, "Internal Server Error", new JsonArray(JsonValue.Create(message)));

    /// <summary>Evolution never answers 429; the sandbox does when a fault is injected, in the same envelope.</summary>
    public static JsonHttpResult<EvolutionError> TooManyRequests() =>
        Create(StatusCodes.Status429TooManyRequests, "Too Many Requests", new JsonArray(JsonValue.Create("Error: rate-overlimit")));

    /// <summary>The route fallback of <c>src/main.ts</c>: <c>["Cannot POST /foo/bar"]</c>.</summary>
    public static JsonHttpResult<EvolutionError> UnknownRoute(string method, string url) =>
        NotFound($"Cannot {method.ToUpperInvariant()} {url}");

    public static JsonHttpResult<EvolutionRawError> UnwrappedValidation(IReadOnlyList<string> messages) =>
        TypedResults.Json(
            new EvolutionRawError(StatusCodes.Status400BadRequest, "Bad Request", new JsonArray(Strings(messages))),
            statusCode: StatusCodes.Status400BadRequest);

    private static JsonArray Strings(IEnumerable<string> messages) => new([.. messages.Select(m => (JsonNode?)JsonValue.Create(m))]);

    private static JsonHttpResult<EvolutionError> Create(int status, string error, JsonNode? message) =>
        TypedResults.Json(new EvolutionError(status, error, new EvolutionError.Body(message)), statusCode: status);
}
