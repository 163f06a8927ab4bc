using System.ComponentModel.DataAnnotations;

namespace Campaigns.Api;

/// <summary>Settings of section <c>Campaigns</c> (environment: <c>Campaigns__DefaultRegion</c>, …).</summary>
internal sealed class CampaignsOptions
{
    public const string SectionName = "Campaigns";

    /// <summary>
    /// <value>ISO 3166 alpha-2 region for numbers written without a country code, when an upload names none.
    /// Default <c>KE</c>.</value>
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z]{2}$")]
    public string DefaultRegion { get; set; } = "KE";

    /// <summary><value>The largest contact file accepted, in bytes. Default 100 MB; 1 KB to 10 GB.</value></summary>
    [Range(1024, 10L * 1024 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// <value>The URL at which gateways reach this API, for the webhook URLs given to them (e.g.
    /// <c>https://campaigns.example.com</c>). Default: none, meaning the first URL the API listens on.</value>
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}
