using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Alerts;

/// <summary>A tenant's alert URL and the delivery of its events (section <c>Alerts</c>).</summary>
internal sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <value>
    /// Whether an alert URL may point at loopback, private, link-local and other non-public addresses (and, for loopback
    /// only, use http). Default false, so that a tenant cannot make the product post to internal hosts; tests and a local
    /// demo turn it on.
    /// </value>
    public bool AllowPrivateAddresses { get; set; }

    /// <value>The longest one delivery may take, connection included. Default 10 s; 1 s to 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>Attempts per event before it is dropped (and the URL shown as failing). Default 8; 1 to 50.</value>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <value>
    /// The wait after an event's first failed attempt; it doubles with each further one, up to <see cref="RetryMax"/>.
    /// Default 30 s; 1 s to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>The longest wait between two attempts of an event. Default 1 hour; 1 s to 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(1);

    /// <value>
    /// Events waiting per tenant: beyond it the oldest are dropped, so a dead endpoint cannot grow the outbox. Default
    /// 1,000; 1 to 100,000.
    /// </value>
    [Range(1, 100_000)]
    public int MaxQueued { get; set; } = 1000;

    /// <value>Events one delivery run takes, across tenants. Default 100; 1 to 10,000.</value>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <value>
    /// Events one delivery run takes per tenant, so that one tenant's backlog (or dead endpoint) cannot take a whole run
    /// from the others. Default 10; 1 to 1,000.
    /// </value>
    [Range(1, 1000)]
    public int PerTenant { get; set; } = 10;

    /// <value>Deliveries in flight at once in one run. Default 16; 1 to 256.</value>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;
}
