namespace Campaigns.Sandbox.Control;

/// <summary>The run-time switches, as <c>GET /sandbox/switches</c> shows them.</summary>
/// <param name="LatencyMs">Added to every gateway request.</param>
/// <param name="WebhookDuplicateShare">Share of webhook events posted twice.</param>
/// <param name="WebhookReorder">Whether each message's events arrive in reverse order.</param>
/// <param name="SendLatencyMinMs">The least a send waits between its arrival and its answer.</param>
/// <param name="SendLatencyMaxMs">The most; each send draws uniformly between the two.</param>
internal sealed record SwitchValues(
    int LatencyMs, double WebhookDuplicateShare, bool WebhookReorder, int SendLatencyMinMs = 0, int SendLatencyMaxMs = 0);
