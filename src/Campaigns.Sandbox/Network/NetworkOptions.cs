using System.ComponentModel.DataAnnotations;

namespace Campaigns.Sandbox.Network;

/// <summary>
/// Settings of section <c>Sandbox:Network</c>: how the scripted phone network answers. Shares are drawn from a stable
/// hash of (seed, number), so one number gets the same answer in every run.
/// </summary>
internal sealed class NetworkOptions : IValidatableObject
{
    public const string SectionName = "Sandbox:Network";

    /// <summary><value>Share of numbers that are not on WhatsApp. Default 0.1; 0 to 1.</value></summary>
    [Range(0.0, 1.0)]
    public double NotOnWhatsAppShare { get; set; } = 0.1;

    /// <summary><value>Share of recipients whose messages fail (<c>messages.update</c> ERROR). Default 0.02; 0 to 1.</value></summary>
    [Range(0.0, 1.0)]
    public double FailShare { get; set; } = 0.02;

    /// <summary><value>Share of recipients who reply after reading (<c>messages.upsert</c>). Default 0.05; 0 to 1.</value></summary>
    [Range(0.0, 1.0)]
    public double ReplyShare { get; set; } = 0.05;

    /// <summary>
    /// <value>Share of the replying recipients whose reply asks to opt out, typed as people do ("STOP", "Stop", " Stop ",
    /// "PARAR", "cancelár", "SAIR", "Unsubscribe"…). Default 0.3; 0 to 1.</value>
    /// </summary>
    [Range(0.0, 1.0)]
    public double StopShare { get; set; } = 0.3;

    /// <summary>
    /// <value>Share of the replying recipients whose reply quotes our message (<c>contextInfo.stanzaId</c> = its
    /// <c>key.id</c>). Default 0.5; 0 to 1.</value>
    /// </summary>
    [Range(0.0, 1.0)]
    public double QuoteShare { get; set; } = 0.5;

    /// <summary><value>Numbers (digits) that are never on WhatsApp, whatever the share says. Default none.</value></summary>
    public IList<string> NotOnWhatsAppNumbers { get; } = [];

    /// <summary><value>Numbers (digits) that are always on WhatsApp, whatever the share says. Default none.</value></summary>
    public IList<string> OnWhatsAppNumbers { get; } = [];

    /// <summary><value>From the send to SERVER_ACK (or ERROR). Default 300 ms; 0 to 1 hour.</value></summary>
    [Range(0, 3_600_000)]
    public int ServerAckDelayMs { get; set; } = 300;

    /// <summary><value>From SERVER_ACK to DELIVERY_ACK. Default 1000 ms; 0 to 1 hour.</value></summary>
    [Range(0, 3_600_000)]
    public int DeliveryAckDelayMs { get; set; } = 1000;

    /// <summary><value>From DELIVERY_ACK to READ. Default 3000 ms; 0 to 1 hour.</value></summary>
    [Range(0, 3_600_000)]
    public int ReadDelayMs { get; set; } = 3000;

    /// <summary><value>From READ to the reply. Default 5000 ms; 0 to 1 hour.</value></summary>
    [Range(0, 3_600_000)]
    public int ReplyDelayMs { get; set; } = 5000;

    /// <summary>
    /// <value>Factor applied to a send's <c>delay</c> (typing simulation) before the request blocks for it: 1 blocks
    /// as the real gateway does, 0 not at all. Default 1; 0 to 10.</value>
    /// </summary>
    [Range(0.0, 10.0)]
    public double TypingDelayScale { get; set; } = 1.0;

    /// <summary><value>The longest a send blocks for its <c>delay</c>, after scaling. Default 20000 ms; 0 to 10 minutes.</value></summary>
    [Range(0, 600_000)]
    public int MaxTypingDelayMs { get; set; } = 20_000;

    /// <summary>
    /// <value>The least time between a send's arrival and its answer (the message leaves at the answer): each send
    /// draws its latency uniformly in [<see cref="SendLatencyMinMs"/>, <see cref="SendLatencyMaxMs"/>], as a loaded
    /// gateway and WhatsApp take 0.5–3 s. Default 0 ms; 0 to 10 minutes. Also a runtime switch.</value>
    /// </summary>
    [Range(0, 600_000)]
    public int SendLatencyMinMs { get; set; }

    /// <summary><value>The most time between a send's arrival and its answer. Default 0 ms; 0 to 10 minutes, not under the minimum.</value></summary>
    [Range(0, 600_000)]
    public int SendLatencyMaxMs { get; set; }

    /// <summary>
    /// <value>How long a connecting instance waits before it opens by itself, as if its QR had been scanned; -1 waits
    /// for <c>POST /sandbox/instances/{name}/scan</c>. Default 0: at once, so demos need no clicks.</value>
    /// </summary>
    [Range(-1, 3_600_000)]
    public int AutoOpenAfterMs { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SendLatencyMaxMs < SendLatencyMinMs)
        {
            yield return new ValidationResult(
                $"Sandbox:Network:SendLatencyMaxMs ({SendLatencyMaxMs}) is under SendLatencyMinMs ({SendLatencyMinMs}).",
                [nameof(SendLatencyMaxMs)]);
        }
    }
}
