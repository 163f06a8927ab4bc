using System.ComponentModel.DataAnnotations;

namespace Campaigns.Sandbox.Instances;

/// <summary>One configured instance: an item of <c>Sandbox:Instances</c>.</summary>
internal sealed class InstanceOptions
{
    /// <summary><value>The instance name used in every path. Required.</value></summary>
    [Required]
    [MinLength(1)]
    public string Name { get; set; } = "";

    /// <summary>
    /// <value>The instance's own key (Evolution's <c>hash</c>). Default: an upper-case UUID derived from the seed and
    /// the name, so that it is the same in every run.</value>
    /// </summary>
    public string? Token { get; set; }

    /// <summary><value>The phone number of the linked WhatsApp account, digits only. Default none.</value></summary>
    [RegularExpression(@"^\d{6,15}$")]
    public string? Number { get; set; }

    /// <summary><value>The account's profile name. Default: the instance name.</value></summary>
    public string? ProfileName { get; set; }

    /// <summary>
    /// <value>The IANA time zone in which the audit counts this instance's days. Default: the zone of
    /// <see cref="Number"/> (libphonenumber's metadata), or <c>UTC</c> when it has none.</value>
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary><value>This instance's daily cap for the audit. Default: <c>Sandbox:Audit:DailyCap</c>.</value></summary>
    [Range(1, 100_000)]
    public int? DailyCap { get; set; }

    /// <summary>
    /// <value>The connection state at start: <c>open</c> (an already linked phone), <c>connecting</c> (waiting for a
    /// scan, or for <c>Sandbox:Network:AutoOpenAfterMs</c>) or <c>close</c>. Default <c>open</c>.</value>
    /// </summary>
    [RegularExpression("^(open|connecting|close)$")]
    public string State { get; set; } = ConnectionState.Open;

    /// <summary><value>A webhook URL set at start, as if <c>/webhook/set</c> had been called with all events. Default none.</value></summary>
    public Uri? WebhookUrl { get; set; }
}
