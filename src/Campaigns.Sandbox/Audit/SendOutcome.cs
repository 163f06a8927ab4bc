namespace Campaigns.Sandbox.Audit;

/// <summary>What became of a send that passed auth and validation.</summary>
internal enum SendOutcome
{
    /// <summary>It went out (201).</summary>
    Sent,

    /// <summary>Refused with 400: the number is not on WhatsApp.</summary>
    NotOnWhatsApp,

    /// <summary>
    /// Refused because the instance was not <c>open</c>: 500 "Connection Closed" when the send arrived, 400
    /// "Error: Connection Closed" when it was about to leave.
    /// </summary>
    ConnectionClosed,

    /// <summary>Refused with a 500 TypeError: the instance was created without <c>qrcode</c> and never connected.</summary>
    NotStarted,

    /// <summary>Refused with 500 <c>["AxiosError: …"]</c>: the media could not be downloaded; nothing was sent.</summary>
    MediaFailed,
}
