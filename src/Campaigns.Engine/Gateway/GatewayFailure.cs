namespace Campaigns.Engine.Gateway;

/// <summary>Why a gateway call failed, for the caller to decide what to do (skip a recipient, pause a sender, reschedule).</summary>
internal enum GatewayFailure
{
    /// <summary>The gateway refused the request (400 or another 4xx not listed here): fix the request, do not repeat it.</summary>
    Rejected,

    /// <summary>A send to a number that is not on WhatsApp (400 with <c>exists: false</c>): skip the recipient.</summary>
    NotOnWhatsApp,

    /// <summary>The instance is not linked to WhatsApp (400 "Connection Closed", "No sessions"): pause the sender.</summary>
    InstanceDisconnected,

    /// <summary>401: the API key is wrong, e.g. a stale instance token (re-read it with <c>fetchInstances</c>).</summary>
    Unauthorized,

    /// <summary>403, e.g. an instance name already in use.</summary>
    Forbidden,

    /// <summary>404: the instance does not exist (checked before the key) or the route is unknown.</summary>
    NotFound,

    /// <summary>429 that was not retried (retries exhausted, or a Retry-After longer than allowed): see <see cref="GatewayException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>No connection could be made (refused, DNS, TLS): the request was never sent.</summary>
    Unreachable,

    /// <summary>The connection failed after the request may have been sent, or while the answer was read.</summary>
    ConnectionLost,

    /// <summary>No answer within the per-attempt timeout.</summary>
    Timeout,

    /// <summary>The circuit breaker of this instance is open after repeated failures: nothing was sent.</summary>
    CircuitOpen,

    /// <summary>A 2xx answer that does not match the contract.</summary>
    InvalidResponse,
}
