using System.Text.Json.Nodes;

namespace Campaigns.Sandbox.Webhooks;

/// <summary>One step of a message's timeline: after <paramref name="After"/> (counted from the previous step) the
/// step is reached, <paramref name="OnReached"/> records it, and its event is emitted.</summary>
internal sealed record WebhookStep(TimeSpan After, string Event, Func<JsonNode> Data, Action? OnReached = null);
