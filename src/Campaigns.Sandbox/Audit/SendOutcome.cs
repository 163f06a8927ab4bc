namespace Campaigns.Sandbox.Audit;

/// <summary>What became of a send that passed auth and validation.</summary>
internal enum SendOutcome
{
    /// <summary>It went out (201).</summary>
    Sent,

    /// <summary>Refused with 400: the number is not on WhatsApp.</summary>
    NotOnWhatsApp,

    /// <summary>Refused with 400 "Error: Connection Closed": the instance was not <c>open</c>.</summary>
    ConnectionClosed,
}
