using System.ComponentModel.DataAnnotations;

namespace Campaigns.Sandbox.Webhooks;

/// <summary>Settings of section <c>Sandbox:Webhooks</c>: how webhooks are posted.</summary>
internal sealed class WebhookOptions
{
    public const string SectionName = "Sandbox:Webhooks";

    /// <summary><value>Timeout of one POST. Default 10000 ms; 100 ms to 5 minutes.</value></summary>
    [Range(100, 300_000)]
    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// <value>Attempts per event; like Evolution, 400/401/403/404/422 answers are not retried. Default 3; 1 to 10.</value>
    /// </summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary><value>Pause before a retry, doubled each time. Default 1000 ms; 0 to 5 minutes.</value></summary>
    [Range(0, 300_000)]
    public int RetryDelayMs { get; set; } = 1000;

    /// <summary>
    /// <value>How many posters work at once. An instance's events always go through one of them, in order; instances
    /// are spread over them, so one slow receiver does not hold up every instance's webhooks. Default 8; 1 to 256.</value>
    /// </summary>
    [Range(1, 256)]
    public int Parallelism { get; set; } = 8;

    /// <summary><value>Share of events posted twice, as a retrying gateway does. Default 0; 0 to 1. Also a runtime switch.</value></summary>
    [Range(0.0, 1.0)]
    public double DuplicateShare { get; set; }

    /// <summary>
    /// <value>When true, the events of each message arrive in reverse order (READ first, <c>send.message</c> last),
    /// at the times the ordered events would have. Default false. Also a runtime switch.</value>
    /// </summary>
    public bool Reorder { get; set; }
}
