using System.ComponentModel.DataAnnotations;
using Campaigns.Sandbox.Instances;

namespace Campaigns.Sandbox;

/// <summary>Settings of section <c>Sandbox</c> (environment: <c>Sandbox__ApiKey</c>, <c>Sandbox__Instances__0__Name</c>, …).</summary>
internal sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>
    /// <value>The global key (Evolution's <c>AUTHENTICATION_API_KEY</c>): it opens every route, and only it can create
    /// instances. Default <c>sandbox-global-key</c>.</value>
    /// </summary>
    [Required]
    [MinLength(1)]
    public string ApiKey { get; set; } = "sandbox-global-key";

    /// <summary>
    /// <value>The seed of every scripted answer (on WhatsApp or not, fails, replies, replies STOP): the same seed gives
    /// the same answers for the same number in every run. Default <c>campaigns-sandbox</c>.</value>
    /// </summary>
    [Required]
    public string Seed { get; set; } = "campaigns-sandbox";

    /// <summary><value>What webhooks carry in <c>server_url</c>. Default <c>http://127.0.0.1:8090</c>.</value></summary>
    [Required]
    public string ServerUrl { get; set; } = "http://127.0.0.1:8090";

    /// <summary><value>The instances that exist at start (and again after a reset). Default none.</value></summary>
    public IList<InstanceOptions> Instances { get; } = [];
}
