using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Campaigns.Sandbox.Gateway;

/// <summary>
/// The error envelope of Evolution's global Express handler: <c>{"status","error","response":{"message"}}</c>.
/// <c>message</c> is polymorphic on the wire (a string for 401 and unhandled errors, an array otherwise, a nested
/// array for schema validation) and is left out when the exception had no arguments.
/// </summary>
internal sealed record EvolutionError(int Status, string Error, EvolutionError.Body Response)
{
    public sealed record Body([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonNode? Message);
}
