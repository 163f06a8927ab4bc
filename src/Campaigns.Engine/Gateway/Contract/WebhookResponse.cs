using System.Text.Json;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>Answer (201) of <c>/webhook/set</c>: the stored webhook row.</summary>
/// <param name="Headers">The configured headers, as stored (opaque; they hold secrets).</param>
internal sealed record WebhookResponse(
    string Id,
    string Url,
    bool Enabled,
    IReadOnlyList<string> Events,
    JsonElement? Headers = null,
    bool? WebhookByEvents = null,
    bool? WebhookBase64 = null,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? UpdatedAt = null,
    string? InstanceId = null)
{
    public override string ToString() =>
        $"WebhookResponse {{ Id = {Id}, Enabled = {Enabled}, Events = [{string.Join(", ", Events)}], InstanceId = {InstanceId} }}";
}
