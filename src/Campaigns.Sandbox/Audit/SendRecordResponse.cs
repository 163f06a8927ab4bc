using Campaigns.Sandbox.Gateway;

namespace Campaigns.Sandbox.Audit;

/// <summary>One item of <c>GET /sandbox/sends</c>: the raw record of a send attempt.</summary>
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
    bool WasToldNotOnWhatsApp)
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
                _ => "connectionClosed",
            },
            record.ConnectionState,
            record.WasToldNotOnWhatsApp);
    }
}
