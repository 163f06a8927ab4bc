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

    /// <summary>
    /// A first contact refused by a scripted reach-out timelock (463): 400 <c>["Error: server returned error 463"]</c>, or
    /// in silent mode 201 PENDING then an ERROR update with stub 463. It did not reach the recipient.
    /// </summary>
    Timelocked,

    /// <summary>Answered 201 with status ERROR by a scripted restriction of the account: it did not leave.</summary>
    Errored,
}
