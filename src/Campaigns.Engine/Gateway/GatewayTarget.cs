namespace Campaigns.Engine.Gateway;

/// <summary>
/// One Evolution instance to call (a sender): the gateway's base URL, the instance name and the instance's API key
/// (its token). Every instance call takes its target, so one client serves any number of gateways and instances.
/// A target that exists is valid; <see cref="ToString"/> never shows the key.
/// </summary>
internal sealed record GatewayTarget
{
    /// <param name="baseUrl">Absolute http(s) URL of the gateway, possibly with a path prefix; no user info, query or fragment.</param>
    /// <param name="instance">The instance name, as in <c>/message/sendText/{instance}</c>.</param>
    /// <param name="apiKey">The instance token (or the global key), sent as the <c>apikey</c> header.</param>
    public GatewayTarget(Uri baseUrl, string instance, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        BaseUrl = GatewayServer.NormalizeBaseUrl(baseUrl);
        Instance = instance;
        ApiKey = apiKey;
    }

    /// <summary>The base URL, ending with <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    public string Instance { get; }

    public string ApiKey { get; }

    public override string ToString() => $"{Instance} at {BaseUrl.AbsoluteUri}";
}
