using System.ComponentModel.DataAnnotations;

namespace Campaigns.Sandbox.Faults;

/// <summary>Settings of section <c>Sandbox:Faults</c>.</summary>
internal sealed class FaultOptions
{
    public const string SectionName = "Sandbox:Faults";

    /// <summary>
    /// <value>How long a hanging request is held before it is answered 500 (unless the client gives up first). Set it
    /// above the client's timeout. Default 120000 ms; 0 to 1 hour.</value>
    /// </summary>
    [Range(0, 3_600_000)]
    public int HangMs { get; set; } = 120_000;

    /// <summary><value>Latency added to every gateway request. Default 0 ms; 0 to 10 minutes. Also a runtime switch.</value></summary>
    [Range(0, 600_000)]
    public int LatencyMs { get; set; }
}
