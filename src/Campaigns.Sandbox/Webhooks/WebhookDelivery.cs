namespace Campaigns.Sandbox.Webhooks;

/// <summary>One POST to make: the body is serialised when the event is emitted.</summary>
internal sealed record WebhookDelivery(
    string Instance,
    string Event,
    Uri Url,
    IReadOnlyDictionary<string, string> Headers,
    string Body);
