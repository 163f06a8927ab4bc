using System.ComponentModel.DataAnnotations;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Direct;

/// <summary>Direct sends (<c>POST /api/messages</c>; section <c>DirectSends</c>; see <see cref="DirectSendService"/>).</summary>
internal sealed class DirectSendOptions
{
    public const string SectionName = "DirectSends";

    /// <value>
    /// The most direct sends one sender may have queued; one more is refused (429 <c>direct.queue_full</c>). A sender
    /// sends at most a few hundred messages a day, so more would only wait for days. Default 500; 1 to 100,000.
    /// Opt-out and re-subscribe confirmations are never refused by it (each answers a reply).
    /// </value>
    [Range(1, 100_000)]
    public int MaxQueuedPerSender { get; set; } = 500;

    /// <value>
    /// The variation rule over a tenant's direct sends: the same text (normalised as the campaigns' rule compares it) may
    /// go to at most this many distinct numbers within 24 hours. Default 10 (the campaigns' default); 1 to 1,000,000.
    /// </value>
    [Range(1, 1_000_000)]
    public int MaxIdentical { get; set; } = VariationRule.DefaultMaxIdentical;
}
