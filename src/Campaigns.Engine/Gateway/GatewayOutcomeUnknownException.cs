using System.Net;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// A send (or an instance creation) whose fate is unknown: the request may have reached the gateway and the message may
/// have gone out, but no usable answer came back (a timeout, a connection lost mid-request, a 5xx, a 2xx that could not
/// be read). It was not retried and must not be repeated blindly: the dispatcher reconciles it from the gateway's
/// message history (<c>findMessages</c>) or marks it unknown, because a duplicated marketing message is worse than a
/// missing one.
/// </summary>
internal sealed class GatewayOutcomeUnknownException(
    GatewayCall call,
    string? instance,
    GatewayFailure failure,
    HttpStatusCode? statusCode = null,
    string? gatewayError = null,
    IReadOnlyList<string>? gatewayMessages = null,
    Exception? innerException = null)
    : GatewayException(call, instance, failure, statusCode, gatewayError, gatewayMessages, null, innerException);
