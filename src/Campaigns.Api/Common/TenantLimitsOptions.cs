using System.ComponentModel.DataAnnotations;

namespace Campaigns.Api.Common;

/// <summary>
/// Settings of section <c>Campaigns:Limits</c> (environment: <c>Campaigns__Limits__ConcurrentImportsPerTenant</c>, …):
/// how many of the heavy requests one tenant may have running at once, so that one tenant cannot take every core. One
/// more answers 429 with <c>Retry-After</c> at once (no queue). Counted per API process.
/// </summary>
internal sealed class TenantLimitsOptions
{
    public const string SectionName = "Campaigns:Limits";

    /// <summary><value>Contact-list uploads a tenant may have running at once. Default 2; 1 to 1,000.</value></summary>
    [Range(1, 1000)]
    public int ConcurrentImportsPerTenant { get; set; } = 2;

    /// <summary><value>Campaign previews a tenant may have running at once. Default 2; 1 to 1,000.</value></summary>
    [Range(1, 1000)]
    public int ConcurrentPreviewsPerTenant { get; set; } = 2;
}
