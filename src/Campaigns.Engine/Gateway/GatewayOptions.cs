using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// Settings of section <c>Gateway</c> (environment: <c>Gateway__SendTimeout</c>, …): timeouts, retries and the circuit
/// breaker of the Evolution client. Which calls may be retried is not configurable: see <see cref="GatewayRetryPolicy"/>.
/// </summary>
internal sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// <value>Timeout of one attempt of a call that is not a send. Default 30 s; 1 s to 5 min.
    /// <c>/instance/create</c> waits about 5 s for a QR code and a large <c>whatsappNumbers</c> batch takes a while.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <value>Timeout of a send, ON TOP of its typing <c>delay</c> (the gateway holds the request for the whole delay).
    /// Default 60 s; 1 s to 10 min. A send that times out is never retried: its outcome is unknown.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <value>Timeout to establish a TCP/TLS connection. Default 10 s; 1 s to 2 min. A connection that cannot be made
    /// means the request was never sent, so even a send may be retried; keep it below the other timeouts.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <value>The whole time a call made while a user waits (registering a sender or a gateway, a check, a QR code) may
    /// take, retries and back-off included; the request then answers 504 <c>gateway.timeout</c>. Default 20 s, well
    /// under the 60 s after which proxies give up; 1 s to 5 min. Background calls (dispatch) are not bound by it.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan InteractiveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary><value>Retries after the first attempt, for failures that may be retried. Default 3; 0 to 10.</value></summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>
    /// <value>First retry delay; it doubles per retry, with jitter. Default 1 s; 0 to 1 min.
    /// A Retry-After from the gateway replaces it.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <value>The longest Retry-After the client waits out itself. Default 60 s; 1 s to 1 h. A longer one fails the call
    /// at once with <see cref="GatewayException.RetryAfter"/> set, for the caller to reschedule.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <value>Share of failed attempts (5xx, 408, 429, timeouts, connection failures) within
    /// <see cref="CircuitBreakerSamplingDuration"/> that opens an instance's circuit. Default 0.5; 0.01 to 1.</value>
    /// </summary>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary><value>Attempts needed in the sampling window before the circuit can open. Default 10; 2 to 1000.</value></summary>
    [Range(2, 1000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary><value>The window in which failures are counted. Default 60 s; 0.5 s to 1 h.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <value>How long an open circuit rejects calls before one probe is let through. Default 30 s; 0.5 s to 1 h.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
