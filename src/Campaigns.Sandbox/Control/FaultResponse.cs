using Campaigns.Sandbox.Faults;

namespace Campaigns.Sandbox.Control;

/// <summary>A pending fault, as <c>/sandbox/faults</c> lists it.</summary>
internal sealed record FaultResponse(string Kind, int Remaining, int RetryAfterSeconds, string? Instance)
{
    public static FaultResponse From(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new FaultResponse(FaultRequest.Name(rule.Kind), rule.Remaining, rule.RetryAfterSeconds, rule.Instance);
    }
}
