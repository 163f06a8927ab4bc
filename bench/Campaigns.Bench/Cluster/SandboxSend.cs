namespace Campaigns.Bench.Cluster;

/// <summary>
/// One item of the sandbox's <c>GET /sandbox/sends</c>: a send attempt that reached the network. <see cref="ReceivedAt"/>
/// (when the request arrived) and <see cref="SenderNumber"/> are null on a sandbox that does not record them yet.
/// </summary>
internal sealed record SandboxSend(
    long Sequence,
    string Instance,
    string Recipient,
    string Number,
    string Body,
    DateTimeOffset At,
    string? KeyId,
    string Outcome,
    DateTimeOffset? ReceivedAt,
    string? SenderNumber)
{
    /// <summary>When the gateway received the send: the time the floor is measured on.</summary>
    public DateTimeOffset Receipt => ReceivedAt ?? At;

    public bool WasSent => Outcome == "sent";

    /// <summary>The recipient's number, digits only (the JID's user part).</summary>
    public string RecipientDigits => new(Recipient.Split('@')[0].Where(char.IsAsciiDigit).ToArray());
}
