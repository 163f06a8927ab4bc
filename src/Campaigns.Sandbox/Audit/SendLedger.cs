using Campaigns.Sandbox.Messages;
using NodaTime;

namespace Campaigns.Sandbox.Audit;

/// <summary>The witness's raw record: every send attempt, and every number it said is not on WhatsApp.</summary>
internal sealed class SendLedger
{
    private readonly Lock _gate = new();
    private readonly List<SendRecord> _records = [];
    private readonly HashSet<string> _toldNotOnWhatsApp = new(StringComparer.Ordinal);

    public SendRecord Add(
        string instance, string recipient, OutgoingMessage message, Instant at, string? keyId, SendOutcome outcome, string state)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            var record = new SendRecord(
                _records.Count + 1L, instance, recipient, message.Number, message.Kind, message.Body, message.MediaIdentity,
                message.Identity, at, keyId, outcome, state, _toldNotOnWhatsApp.Contains(recipient));
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
