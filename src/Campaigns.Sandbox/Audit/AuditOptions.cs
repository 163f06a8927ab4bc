using System.ComponentModel.DataAnnotations;

namespace Campaigns.Sandbox.Audit;

/// <summary>Settings of section <c>Sandbox:Audit</c>: the ban-avoidance rules of DESIGN.md as the witness checks them.</summary>
internal sealed class AuditOptions
{
    public const string SectionName = "Sandbox:Audit";

    /// <summary><value>The hard floor between two sends of one instance. Default 1000 ms; 0 to 1 hour.</value></summary>
    [Range(0, 3_600_000)]
    public int FloorMs { get; set; } = 1000;

    /// <summary><value>Sends allowed per instance per local day, unless the instance sets its own. Default 300; 1 to 100000.</value></summary>
    [Range(1, 100_000)]
    public int DailyCap { get; set; } = 300;

    /// <summary><value>Distinct recipients one identical body may reach. Default 10; 1 to 100000.</value></summary>
    [Range(1, 100_000)]
    public int IdenticalBodyLimit { get; set; } = 10;

    /// <summary><value>Examples kept per rule and instance. Default 5; 0 to 1000.</value></summary>
    [Range(0, 1000)]
    public int ExamplesPerRule { get; set; } = 5;
}
