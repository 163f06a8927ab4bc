using Campaigns.Sandbox.Gateway;

namespace Campaigns.Sandbox.Audit;

/// <summary>One item of <c>GET /sandbox/sends</c>: the raw record of a send attempt.</summary>
/// <param name="At">When it went out, or was refused.</param>
/// <param name="ConnectionState">The instance's state at <paramref name="At"/>.</param>
/// <param name="ReceivedAt">When the request arrived (before typing delay and answer latency).</param>
/// <param name="StateAtReceipt">The instance's state then.</param>
/// <param name="SenderNumber">The instance's linked number (digits), or null.</param>
internal sealed record SendRecordResponse(
    long Sequence,
    string Instance,
    string Recipient,
    string Number,
    string Kind,
    string Body,
    string? Media,
    string At,
    string? KeyId,
    string Outcome,
    string ConnectionState,
    bool WasToldNotOnWhatsApp,
    string ReceivedAt,
    string StateAtReceipt,
    string? SenderNumber)
{
    public static SendRecordResponse From(SendRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new SendRecordResponse(
            record.Sequence, record.Instance, record.Recipient, record.Number, record.Kind, record.Body, record.Media,
            WireTime.Format(record.At), record.KeyId,
            record.Outcome switch
            {
                SendOutcome.Sent => "sent",
                SendOutcome.NotOnWhatsApp => "notOnWhatsApp",
                SendOutcome.NotStarted => "notStarted",
                SendOutcome.MediaFailed => "mediaFailed",
                SendOutcome.Timelocked => "timelocked",
                SendOutcome.Errored => "errored",
                _ => "connectionClosed",
            },
            record.ConnectionState,
            record.WasToldNotOnWhatsApp,
            WireTime.Format(record.ReceivedAt),
            record.StateAtReceipt,
            record.SenderNumber);
    }
}
