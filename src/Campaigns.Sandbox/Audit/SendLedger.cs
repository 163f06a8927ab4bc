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
    private readonly HashSet<(string Instance, string Recipient)> _contacted = [];
    private readonly List<(string Instance, Instant At)> _timelocksEnded = [];

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
        SendOutcome outcome,
        Instant? timelockUntil = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(message);
        var normal = message.NormalIdentity;
        lock (_gate)
        {
            var record = new SendRecord(
                _records.Count + 1L, instance.Name, recipient, message.Number, message.Kind, message.Body, message.MediaIdentity,
                message.Identity, recorded.At, keyId, outcome, recorded.State, _toldNotOnWhatsApp.Contains(recipient),
                instance.Number, normal, received.At, received.State, timelockUntil);
            _records.Add(record);
            if (outcome == SendOutcome.Sent)
            {
                _contacted.Add((instance.Name, recipient));
            }

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

    /// <summary>Whether the instance ever sent a message that reached <paramref name="recipient"/> (not a first contact).</summary>
    public bool HasContacted(string instance, string recipient)
    {
        lock (_gate)
        {
            return _contacted.Contains((instance, recipient));
        }
    }

    /// <summary>A scripted timelock of the instance was ended early (the audit's lock ends there).</summary>
    public void TimelockEnded(string instance, Instant at)
    {
        lock (_gate)
        {
            _timelocksEnded.Add((instance, at));
        }
    }

    public IReadOnlyList<(string Instance, Instant At)> TimelocksEnded()
    {
        lock (_gate)
        {
            return [.. _timelocksEnded];
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
            _contacted.Clear();
            _timelocksEnded.Clear();
        }
    }
}
