namespace Campaigns.Sandbox.Faults;

/// <summary>What an injected fault does to a gateway request.</summary>
internal enum FaultKind
{
    /// <summary>Answers 429 with <c>Retry-After</c> (the real gateway never does; a proxy in front of it may).</summary>
    TooManyRequests,

    /// <summary>Answers 500 with a string <c>message</c>, as an unhandled error does.</summary>
    ServerError,

    /// <summary>Holds the request for <c>Sandbox:Faults:HangMs</c> without doing anything, then answers 500.</summary>
    Hang,

    /// <summary>Does the work (a send goes out and is recorded), then holds the answer: the client times out although
    /// the gateway acted, which is what tempts a client to send twice.</summary>
    HangAfter,
}
