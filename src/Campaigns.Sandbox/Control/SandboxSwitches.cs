using Campaigns.Sandbox.Faults;
using Campaigns.Sandbox.Network;
using Campaigns.Sandbox.Webhooks;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox.Control;

/// <summary>The behaviour that tests and demos switch at run time; starts from configuration and returns to it on reset.</summary>
internal sealed class SandboxSwitches(IOptions<FaultOptions> faults, IOptions<WebhookOptions> webhooks, IOptions<NetworkOptions> network)
{
    private readonly Lock _gate = new();
    private SwitchValues _values = Initial(faults.Value, webhooks.Value, network.Value);

    public SwitchValues Values
    {
        get
        {
            lock (_gate)
            {
                return _values;
            }
        }
    }

    public SwitchValues Change(Func<SwitchValues, SwitchValues> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            _values = change(_values);
            return _values;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _values = Initial(faults.Value, webhooks.Value, network.Value);
        }
    }

    private static SwitchValues Initial(FaultOptions faults, WebhookOptions webhooks, NetworkOptions network) =>
        new(faults.LatencyMs, webhooks.DuplicateShare, webhooks.Reorder, network.SendLatencyMinMs, network.SendLatencyMaxMs);
}
