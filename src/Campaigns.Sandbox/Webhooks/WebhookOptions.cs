using System.ComponentModel.DataAnnotations;

namespace Campaigns.Sandbox.Webhooks;

/// <summary>
/// Settings of section <c>Sandbox:Webhooks</c>: how webhooks are posted. The defaults are Evolution 2.3.6's
/// (<c>WEBHOOK_REQUEST_TIMEOUT_MS</c>, <c>WEBHOOK_RETRY_*</c>, <c>AUTHENTICATION_EXPOSE_IN_FETCH_INSTANCES=true</c>).
/// </summary>
internal sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Sandbox:Webhooks";

    /// <summary><value>Timeout of one POST. Default 30000 ms (Evolution's); 100 ms to 5 minutes.</value></summary>
    [Range(100, 300_000)]
    public int TimeoutMs { get; set; } = 30_000;

    /// <summary>
    /// <value>Attempts per event; like Evolution, 400/401/403/404/422 answers are not retried. Default 10; 1 to 100.</value>
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// <value>Pause before the first retry, doubled for each further one (before <see cref="RetryDelayScale"/>).
    /// Default 5000 ms; 0 to 1 hour.</value>
    /// </summary>
    [Range(0, 3_600_000)]
    public int RetryInitialDelayMs { get; set; } = 5_000;

    /// <summary><value>The longest pause before a retry, before jitter. Default 300000 ms; 0 to 1 hour.</value></summary>
    [Range(0, 3_600_000)]
    public int RetryMaxDelayMs { get; set; } = 300_000;

    /// <summary>
    /// <value>Each pause varies by up to this share either way, but is never under the initial delay. Default 0.2; 0 to 1.</value>
    /// </summary>
    [Range(0.0, 1.0)]
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>
    /// <value>Factor applied to every pause before a retry, so that tests and demos need not wait Evolution's seconds:
    /// 1 waits as Evolution does. Default 1; 0 to 1.</value>
    /// </summary>
    [Range(0.0, 1.0)]
    public double RetryDelayScale { get; set; } = 1.0;

    /// <summary>
    /// <value>Connections open at once to one receiver. Each event is posted on its own (a slow or failing post holds up
    /// no other event, and a pause before a retry holds no connection); beyond this many posts in flight to one
    /// receiver, posts wait for a connection. Default 256; 1 to 10000.</value>
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConnections { get; set; } = 256;

    /// <summary>
    /// <value>When true, every body's <c>apikey</c> carries the instance token, as Evolution's does with
    /// <c>AUTHENTICATION_EXPOSE_IN_FETCH_INSTANCES=true</c> (as on the real server checked); when false it is null.
    /// Default true.</value>
    /// </summary>
    public bool ExposeApiKey { get; set; } = true;

    /// <summary>
    /// <value>Share of recipients WhatsApp addresses by a LID (as Baileys 7 and Evolution 2.3.x do): their replies'
    /// <c>messages.upsert</c> carry <c>key.remoteJid</c> = <c>&lt;15 digits&gt;@lid</c> and <c>key.remoteJidAlt</c> =
    /// the phone's jid. Drawn per number from the seed. Default 0; 0 to 1.</value>
    /// </summary>
    [Range(0.0, 1.0)]
    public double LidShare { get; set; }

    /// <summary>
    /// <value>A file in which each configured instance's webhook is kept across restarts, as Evolution keeps it in its
    /// database (see <see cref="WebhookStateFile"/>). Default none: webhooks live in memory only.</value>
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary><value>Share of events posted twice, as a retrying gateway does. Default 0; 0 to 1. Also a runtime switch.</value></summary>
    [Range(0.0, 1.0)]
    public double DuplicateShare { get; set; }

    /// <summary>
    /// <value>When true, the events of each message arrive in reverse order (READ first, <c>send.message</c> last),
    /// at the times the ordered events would have. Default false. Also a runtime switch.</value>
    /// </summary>
    public bool Reorder { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelayMs < RetryInitialDelayMs)
        {
            yield return new ValidationResult(
                $"Sandbox:Webhooks:RetryMaxDelayMs ({RetryMaxDelayMs}) is under RetryInitialDelayMs ({RetryInitialDelayMs}).",
                [nameof(RetryMaxDelayMs)]);
        }
    }
}
