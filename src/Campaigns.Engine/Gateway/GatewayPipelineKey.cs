namespace Campaigns.Engine.Gateway;

/// <summary>
/// Which resilience pipeline (and so which circuit breaker) a call uses: one per instance of one gateway.
/// <paramref name="Instance"/> is <see langword="null"/> for gateway-wide calls (create, fetchInstances).
/// </summary>
/// <param name="BaseUrl">The normalised base URL (absolute, ending with <c>/</c>, no credentials).</param>
internal readonly record struct GatewayPipelineKey(string BaseUrl, string? Instance)
{
    public override string ToString() => $"{Instance ?? "(gateway)"} at {BaseUrl}";
}
