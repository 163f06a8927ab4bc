using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.BulkSends;

/// <summary>Settings of section <c>BulkSends</c> (environment: <c>BulkSends__MaxRecipients</c>, …): the bounds of one bulk send.</summary>
internal sealed class BulkSendOptions
{
    public const string SectionName = "BulkSends";

    /// <summary>
    /// <value>The most recipients one request may name; more answers 400 <c>bulk.too_many_recipients</c>. Default 10,000;
    /// 1 to 1,000,000. A bigger audience is a contact list and a campaign.</value>
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxRecipients { get; set; } = 10_000;

    /// <summary>
    /// <value>The largest request body accepted, in bytes; larger answers 413. Default 16 MiB (10,000 recipients with
    /// a few fields each and base64 media of up to 2.7 MB fit); 64 KiB to 256 MiB.</value>
    /// </summary>
    [Range(64 * 1024, 256L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 16L * 1024 * 1024;
}
