using Campaigns.Sandbox.Instances;
using Campaigns.Sandbox.Messages;
using NodaTime;

namespace Campaigns.Sandbox.Audit;

/// <summary>
/// The witness's raw record: every send attempt, and every number it said is not on WhatsApp. The lock is held only
/// to append or copy, never while a send waits.
/// </summary>
internal sealed class SendLedger
{
    private readonly Lock _gate = new();
    private readonly List<SendRecord> _records = [];
    private readonly HashSet<string> _toldNotOnWhatsApp = new(StringComparer.Ordinal);

    /// <param name="received">When the request arrived, and the instance's state then.</param>
    /// <param name="recorded">When it went out or was refused (the same as <paramref name="received"/> for a refusal on
    /// arrival), and the instance's state then.</param>
    public SendRecord Add(
        SandboxInstance instance,
        string recipient,
        OutgoingMessage message,
        (Instant At, string State) received,
        (Instant At, string State) recorded,
        string? keyId,
        SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(message);
        var normal = message.NormalIdentity;
        lock (_gate)
        {
            var record = new SendRecord(
                _records.Count + 1L, instance.Name, recipient, message.Number, message.Kind, message.Body, message.MediaIdentity,
                message.Identity, recorded.At, keyId, outcome, recorded.State, _toldNotOnWhatsApp.Contains(recipient),
                instance.Number, normal, received.At, received.State);
            _records.Add(record);
            return record;
        }
    }

    public void ToldNotOnWhatsApp(string jid)
    {
        lock (_gate)
        {
            _toldNotOnWhatsApp.Add(jid);
        }
    }

    public IReadOnlyList<SendRecord> Records()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _records.Clear();
            _toldNotOnWhatsApp.Clear();
        }
    }
}
