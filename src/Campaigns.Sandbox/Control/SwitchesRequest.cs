using System.ComponentModel.DataAnnotations;

namespace Campaigns.Sandbox.Control;

/// <summary>The body of <c>POST /sandbox/switches</c>; a missing field keeps its value.</summary>
internal sealed record SwitchesRequest(
    [property: Range(0, 600_000)] int? LatencyMs,
    [property: Range(0.0, 1.0)] double? WebhookDuplicateShare,
    bool? WebhookReorder,
    [property: Range(0, 600_000)] int? SendLatencyMinMs = null,
    [property: Range(0, 600_000)] int? SendLatencyMaxMs = null);
