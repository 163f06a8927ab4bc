using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Campaigns.Sandbox.Gateway;

/// <summary>
/// The thrown object as <c>/chat/whatsappNumbers</c> answers it: its own try/catch returns it as the body, WITHOUT the
/// <c>response</c> wrapper: <c>{"status":400,"error":"Bad Request","message":[...]}</c>.
/// </summary>
internal sealed record EvolutionRawError(
    int Status,
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonNode? Message);
