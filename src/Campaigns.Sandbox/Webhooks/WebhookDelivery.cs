namespace Campaigns.Sandbox.Webhooks;

/// <summary>One POST to make: the body is serialised when the event is emitted.</summary>
/// <param name="Epoch">The reset epoch it belongs to; deliveries of an older epoch are dropped.</param>
internal sealed record WebhookDelivery(
    long Epoch,
    string Instance,
    string Event,
    Uri Url,
    IReadOnlyDictionary<string, string> Headers,
    string Body);
