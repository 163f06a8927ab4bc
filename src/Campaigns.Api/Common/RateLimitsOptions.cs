using System.ComponentModel.DataAnnotations;

namespace Campaigns.Api.Common;

/// <summary>
/// Settings of section <c>RateLimits</c> (environment: <c>RateLimits__TokenLimit</c>, …): a token bucket per tenant
/// (per client IP for calls without a valid key) over every <c>/api</c> call. Over it a call answers 429 with
/// <c>Retry-After</c>. Webhooks from gateways, <c>/health</c> and the API document are not limited.
/// </summary>
internal sealed class RateLimitsOptions
{
    public const string SectionName = "RateLimits";

    /// <summary><value>Calls a tenant may make in a burst (the bucket's size). Default 200; 1 to 1,000,000.</value></summary>
    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 200;

    /// <summary><value>Calls added back to the bucket every <see cref="ReplenishmentPeriod"/>. Default 100; 1 to 1,000,000.</value></summary>
    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; } = 100;

    /// <summary><value>How often the bucket is refilled. Default 1 s; 10 ms to 1 h.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
