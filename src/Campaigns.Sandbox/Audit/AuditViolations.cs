using System.Text.Json.Serialization;

namespace Campaigns.Sandbox.Audit;

/// <summary>How many times each ban-avoidance rule of DESIGN.md was broken. All zero means clean.</summary>
/// <param name="GapsUnderFloor">Consecutive sends of the instance closer than the floor (default 1,000 ms).</param>
/// <param name="OverDailyCap">Sends beyond the daily cap within one local day of the instance's time zone.</param>
/// <param name="IdenticalOverLimit">Sends of a body to a recipient beyond the first 10 distinct recipients of that identical body.</param>
/// <param name="NotOnWhatsApp">Attempts to send to a number that is not on WhatsApp.</param>
/// <param name="WhileNotOpen">Attempts to send while the connection was not <c>open</c>.</param>
/// <param name="Duplicates">Repeats of the same body to the same recipient (every send after the first).</param>
internal sealed record AuditViolations(
    int GapsUnderFloor,
    int OverDailyCap,
    int IdenticalOverLimit,
    int NotOnWhatsApp,
    int WhileNotOpen,
    int Duplicates)
{
    /// <summary>All violations together; not on the wire, whose shape is fixed for scripts.</summary>
    [JsonIgnore]
    public int Total => GapsUnderFloor + OverDailyCap + IdenticalOverLimit + NotOnWhatsApp + WhileNotOpen + Duplicates;
}
