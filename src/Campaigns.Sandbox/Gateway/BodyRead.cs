using System.Text.Json;
using System.Text.Json.Nodes;

namespace Campaigns.Sandbox.Gateway;

/// <summary>A request body as Express's JSON parser leaves it: a JSON node, or the parser's error.</summary>
internal readonly record struct BodyRead(JsonNode? Node, JsonException? Error)
{
    /// <summary>
    /// Reads the body. Like <c>express.json()</c>, only a JSON content type is parsed; any other body, and an empty
    /// one, reads as <c>{}</c> (so schema validation then names the missing properties).
    /// </summary>
    public static async Task<BodyRead> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return new BodyRead(new JsonObject(), null);
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new BodyRead(new JsonObject(), null);
        }

        try
        {
            var node = JsonNode.Parse(text);
            // express.json() is strict: only an object or an array is accepted at the top.
            return node is JsonObject or JsonArray
                ? new BodyRead(node, null)
                : new BodyRead(null, new JsonException($"Unexpected token in JSON at position 0: {Truncate(text)}"));
        }
        catch (JsonException ex)
        {
            return new BodyRead(null, ex);
        }
    }

    private static string Truncate(string text) => text.Length <= 20 ? text : text[..20];
}
