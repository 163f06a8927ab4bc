namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// The <c>webhook</c> object of <c>POST /webhook/set/{instance}</c> (v2 nests it; v1 was flat).
/// With <paramref name="Enabled"/> true and no <paramref name="Events"/> the gateway sends every event.
/// </summary>
/// <param name="Url">Where the gateway POSTs. It does not check the scheme: a non-http URL is silently never called.</param>
/// <param name="Headers">Sent as HTTP headers with every webhook: the only way to authenticate the gateway's calls.</param>
/// <param name="ByEvents">When true the gateway POSTs to <c>{url}/{event-with-dashes}</c>, e.g. <c>/messages-update</c>.</param>
/// <param name="Base64">When true media arrives inline as base64.</param>
internal sealed record WebhookSettings(
    bool Enabled,
    string Url,
    IReadOnlyDictionary<string, string>? Headers = null,
    bool? ByEvents = null,
    bool? Base64 = null,
    IReadOnlyList<string>? Events = null)
{
    // Headers carry the webhook secret: never print them.
    public override string ToString() =>
        $"WebhookSettings {{ Enabled = {Enabled}, Headers = {Headers?.Count ?? 0}, ByEvents = {ByEvents}, Events = [{string.Join(", ", Events ?? [])}] }}";
}
